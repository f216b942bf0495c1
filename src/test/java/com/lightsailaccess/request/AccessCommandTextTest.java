package com.lightsailaccess.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.testing.SettingsFromMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessCommandTextTest {

    /** The settings' defaults: console, and 30d among 1d, 7d, 30d, 90d and permanent. */
    static final RequestChoices CHOICES = SettingsFromMap.defaults().value(RequestChoices.class);
    static final GrantDuration DEFAULT = CHOICES.defaultDuration();

    private static AccessCommandText.Parsed parse(String text) {
        return AccessCommandText.parse(text, CHOICES);
    }

    @Test
    void emptyTextOpensTheModal() {
        assertInstanceOf(AccessCommandText.OpenModal.class, parse(""));
        assertInstanceOf(AccessCommandText.OpenModal.class, parse("   "));
        assertInstanceOf(AccessCommandText.OpenModal.class, parse(null));
    }

    @Test
    void helpAndStatusAreKeywordsOnlyAlone() {
        assertInstanceOf(AccessCommandText.Help.class, parse("help"));
        assertInstanceOf(AccessCommandText.Status.class, parse(" STATUS "));
        assertEquals(new AccessCommandText.File(AccessType.CONSOLE, DEFAULT, "status page work"), parse("status page work"));
    }

    @Test
    void resetPasswordAndRotateKeyAreKeywordsOnlyAlone() {
        assertInstanceOf(AccessCommandText.ResetPassword.class, parse(" Reset-Password "));
        assertInstanceOf(AccessCommandText.RotateKey.class, parse("rotate-key"));
        assertEquals(new AccessCommandText.File(AccessType.CONSOLE, DEFAULT, "reset-password of the blog's admin"),
                parse("reset-password of the blog's admin"));
    }

    @Test
    void typeWordThenReason() {
        assertEquals(new AccessCommandText.File(AccessType.PROGRAMMATIC, DEFAULT, "ci deploys"),
                parse("Programmatic   ci deploys"));
        assertEquals(new AccessCommandText.File(AccessType.BOTH, DEFAULT, "a\nmultiline reason"),
                parse("both a\nmultiline reason"));
    }

    @Test
    void withoutTypeWordTheDefaultApplies() {
        assertEquals(new AccessCommandText.File(AccessType.CONSOLE, DEFAULT, "I run the blog"), parse("I run the blog"));
        assertEquals(new AccessCommandText.File(AccessType.BOTH, DEFAULT, "blog"),
                AccessCommandText.parse("blog", new RequestChoices(AccessType.BOTH, CHOICES.durations(), DEFAULT)));
    }

    @Test
    void aDurationFollowsForAndPermanentIsOneWhereItIsOffered() {
        assertEquals(new AccessCommandText.File(AccessType.BOTH, GrantDuration.parse("7d").orElseThrow(), "blog"),
                parse("both for 7d blog"));
        assertEquals(new AccessCommandText.File(AccessType.BOTH, GrantDuration.PERMANENT, "blog"),
                parse("both for permanent blog"));
        assertEquals(new AccessCommandText.File(AccessType.CONSOLE, DEFAULT, "for the blog"), parse("for the blog"));
        assertInstanceOf(AccessCommandText.Invalid.class, parse("both for 3w blog"));
        RequestChoices noPermanent = new RequestChoices(AccessType.CONSOLE,
                List.of(GrantDuration.parse("1d").orElseThrow()), GrantDuration.parse("1d").orElseThrow());
        assertInstanceOf(AccessCommandText.Invalid.class,
                AccessCommandText.parse("both for permanent blog", noPermanent));
    }

    @Test
    void missingReasonIsRefused() {
        AccessCommandText.Parsed p = parse("both");
        assertInstanceOf(AccessCommandText.Invalid.class, p);
        assertTrue(((AccessCommandText.Invalid) p).message().contains("reason is required"));
    }

    @Test
    void nearMissTypesAreRefusedNotTakenAsReasons() {
        for (String text : new String[] {"consle fix", "programatic ci", "type=admin x", "--both x", "[console] x"}) {
            assertInstanceOf(AccessCommandText.Invalid.class, parse(text), text);
        }
    }

    @Test
    void overlongReasonIsRefused() {
        assertInstanceOf(AccessCommandText.Invalid.class, parse("console " + "x".repeat(1001)));
    }

    @Test
    void refusalEscapesWhatWasTyped() {
        AccessCommandText.Invalid p = (AccessCommandText.Invalid) parse("type=<!channel> x");
        assertTrue(!p.message().contains("<!channel>"), p.message());
    }
}
