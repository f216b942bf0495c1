package com.lightsailaccess.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RevokeCommandTextTest {

    @Test
    void mentionsWithAndWithoutNames() {
        assertEquals(new RevokeCommandText.SlackUser("U123ABC", false), RevokeCommandText.parse("<@U123ABC>"));
        assertEquals(new RevokeCommandText.SlackUser("U123ABC", true), RevokeCommandText.parse("<@U123ABC|x> delete"));
        assertEquals(new RevokeCommandText.SlackUser("W0ENT", true), RevokeCommandText.parse(" <@W0ENT|a b> DELETE "));
    }

    @Test
    void iamNamesAndMailtoLinks() {
        assertEquals(new RevokeCommandText.IamUser("alice@example.com", false),
                RevokeCommandText.parse("alice@example.com"));
        assertEquals(new RevokeCommandText.IamUser("alice@example.com", true),
                RevokeCommandText.parse("<mailto:alice@example.com|alice@example.com> delete"));
        assertEquals(new RevokeCommandText.IamUser("build+bot=1,x.y_z-", false),
                RevokeCommandText.parse("build+bot=1,x.y_z-"));
    }

    @Test
    void badInputIsRefused() {
        for (String text : new String[] {"", "a b", "alice delete now", "<@U1|x> remove", "x".repeat(65), "zoë",
                "<https://evil.example|alice>", "<!channel>", "a;b"}) {
            assertInstanceOf(RevokeCommandText.Invalid.class, RevokeCommandText.parse(text), text);
        }
        assertInstanceOf(RevokeCommandText.IamUser.class, RevokeCommandText.parse("x".repeat(64)));
    }

    @Test
    void refusalsNeverEchoMarkupUnescaped() {
        RevokeCommandText.Invalid invalid = (RevokeCommandText.Invalid) RevokeCommandText.parse("<!channel>");
        assertTrue(!invalid.message().contains("<!channel>"), invalid.message());
    }
}
