package com.lightsailaccess.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lightsailaccess.slack.SlackSignatureVerifier.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private final SlackSignatureVerifier verifier =
            new SlackSignatureVerifier("8f742231b10e8888abcd99yyyzzz85a5", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void slacksDocumentedExampleVerifies() {
        // The example from Slack's "Verifying requests from Slack" page.
        SlackSignatureVerifier documented = new SlackSignatureVerifier("8f742231b10e8888abcd99yyyzzz85a5",
                Clock.fixed(Instant.ofEpochSecond(1531420618L), ZoneOffset.UTC));
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZ"
                + "RskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertEquals(Verdict.VALID, documented.verify("1531420618",
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
                body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rawUtf8BytesAreSignedNotThePlatformCharset() {
        byte[] body = "{\"name\":\"Zoë 東京\"}".getBytes(StandardCharsets.UTF_8);
        String sig = new String(verifier.sign("1700000000", body), StandardCharsets.US_ASCII);
        assertEquals(Verdict.VALID, verifier.verify("1700000000", sig, body));
        body[10] ^= 1;
        assertEquals(Verdict.MISMATCH, verifier.verify("1700000000", sig, body));
    }

    @Test
    void timestampsMoreThanFiveMinutesAwayEitherWayAreStale() {
        byte[] body = "a=b".getBytes(StandardCharsets.UTF_8);
        for (long offset : new long[] {-301, 301}) {
            String ts = String.valueOf(NOW.getEpochSecond() + offset);
            String sig = new String(verifier.sign(ts, body), StandardCharsets.US_ASCII);
            assertEquals(Verdict.STALE, verifier.verify(ts, sig, body), "offset " + offset);
        }
        for (long offset : new long[] {-300, 300}) {
            String ts = String.valueOf(NOW.getEpochSecond() + offset);
            String sig = new String(verifier.sign(ts, body), StandardCharsets.US_ASCII);
            assertEquals(Verdict.VALID, verifier.verify(ts, sig, body), "offset " + offset);
        }
    }

    @Test
    void missingAndMalformedHeaders() {
        byte[] body = new byte[0];
        assertEquals(Verdict.MISSING, verifier.verify(null, "v0=00", body));
        assertEquals(Verdict.MISSING, verifier.verify("1700000000", "", body));
        assertEquals(Verdict.MALFORMED_TIMESTAMP, verifier.verify("soon", "v0=00", body));
        assertEquals(Verdict.MISMATCH, verifier.verify("1700000000", "v0=00", body));
    }
}
