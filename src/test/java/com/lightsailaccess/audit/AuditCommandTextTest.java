package com.lightsailaccess.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditCommandTextTest {

    static AuditCommandText.Query query(String text) {
        return assertInstanceOf(AuditCommandText.Query.class, AuditCommandText.parse(text), text);
    }

    static String invalid(String text) {
        return assertInstanceOf(AuditCommandText.Invalid.class, AuditCommandText.parse(text), text).message();
    }

    @Test
    void nothingMeansEverything() {
        assertEquals(AuditFilter.everything(), query("").filter());
        assertEquals(AuditFilter.everything(), query("   ").filter());
        assertEquals("", query("").described());
    }

    @Test
    void aMentionWithOrWithoutALabel() {
        assertEquals(Optional.of("U0ALICE"), query("<@U0ALICE>").filter().slackUserId());
        AuditCommandText.Query q = query("<@U0ALICE|Ada Lovelace> since 24h");
        assertEquals(new AuditFilter(Optional.of("U0ALICE"), Optional.empty(), Optional.of(Duration.ofHours(24))),
                q.filter());
        assertEquals("<@U0ALICE> in the last 24h", q.described());
    }

    @Test
    void anIamUserNameOrAnEmailLink() {
        assertEquals(Optional.of("alice@example.com"), query("alice@example.com").filter().iamUserName());
        assertEquals(Optional.of("alice@example.com"),
                query("<mailto:alice@example.com|alice@example.com> since 30m").filter().iamUserName());
        assertEquals("IAM user `alice@example.com`", query("alice@example.com").described());
    }

    @Test
    void sinceAlone() {
        assertEquals(new AuditFilter(Optional.empty(), Optional.empty(), Optional.of(Duration.ofDays(7))),
                query("since 7d").filter());
        assertEquals(Optional.of(Duration.ofDays(7)), query("SINCE 7D").filter().since());
    }

    @Test
    void badInputIsExplained() {
        assertTrue(invalid("since forever").contains("`forever` is not a duration"));
        assertTrue(invalid("since permanent").contains("is not a duration"));
        assertTrue(invalid("since 3w").contains("is not a duration"));
        assertTrue(invalid("since").contains("Usage"));
        assertTrue(invalid("<@U1> bob").contains("Usage"));
        assertTrue(invalid("a b c").contains("Usage"));
        assertTrue(invalid("not/valid").contains("neither a Slack mention nor a valid IAM user name"));
        // What someone typed is shown escaped, never as a ping.
        assertTrue(invalid("<!channel>").contains("&lt;!channel&gt;"));
    }
}
