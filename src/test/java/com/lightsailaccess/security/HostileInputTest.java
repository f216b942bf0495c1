package com.lightsailaccess.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile or broken client can send to /slack/events. Every one is answered cleanly (401, 400, 413 or an
 * ephemeral refusal), nothing is stored that should not be, and no stack trace reaches the caller.
 */
@QuarkusTest
@BotTest
class HostileInputTest {

    @Inject
    Db db;

    Flow flow;

    @BeforeEach
    void reset() {
        flow = new Flow(db);
        flow.reset();
    }

    static ValidatableResponse clean(ValidatableResponse response) {
        return response.body(not(containsString("Exception"))).body(not(containsString("\tat ")))
                .body(not(containsString("com.lightsailaccess")));
    }

    long stored() {
        return db.count("select count(*) from access_request");
    }

    // ---- signatures ----------------------------------------------------------------------------------------

    @Test
    void forgedSignaturesAreRejected() {
        String body = Slack.command("/lightsail-access", "U0EVE", "both steal");
        long now = Instant.now().getEpochSecond();
        for (String signature : List.of("v0=" + "0".repeat(64), "v1=" + Slack.signature(now, body).substring(3),
                Slack.signature(now, body).toUpperCase(), Slack.signature(now, body) + "00", "", "v0=")) {
            clean(given().header("X-Slack-Request-Timestamp", String.valueOf(now))
                    .header("X-Slack-Signature", signature).contentType("application/x-www-form-urlencoded")
                    .body(body).post("/slack/events").then().statusCode(401));
        }
        // Signed with another secret.
        clean(given().header("X-Slack-Request-Timestamp", String.valueOf(now))
                .header("X-Slack-Signature", "v0=" + hmac("another-secret", "v0:" + now + ":" + body))
                .contentType("application/x-www-form-urlencoded").body(body).post("/slack/events").then()
                .statusCode(401));
        assertEquals(0, stored());
    }

    @Test
    void replayedRequestsHaveNoSecondEffectAndOldOnesAreRejected() {
        String body = Slack.command("/lightsail-access", "U0EVE", "console once", "trigger-replay-1");
        long now = Instant.now().getEpochSecond();
        Slack.send(body, now, Map.of()).statusCode(200).body("text", containsString("filed"));
        Slack.send(body, now, Map.of()).statusCode(200);
        assertEquals(1, stored());
        clean(Slack.send(body, now - 310, Map.of()).statusCode(401));
        clean(Slack.send(body, now + 310, Map.of()).statusCode(401));
        clean(given().header("X-Slack-Request-Timestamp", "yesterday").header("X-Slack-Signature", "v0=00")
                .body(body).post("/slack/events").then().statusCode(401));
        assertEquals(1, stored());
    }

    // ---- bodies ---------------------------------------------------------------------------------------------

    @Test
    void bodiesOverTheLimitAreRefusedWith413() throws Exception {
        String big = "payload=" + "x".repeat(1024 * 1024 + 1);
        Slack.send(big).statusCode(413);
        // Without a Content-Length (chunked), the limit holds while reading.
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                + "/slack/events"))
                .header("X-Slack-Request-Timestamp", String.valueOf(now))
                .header("X-Slack-Signature", Slack.signature(now, big))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
        assertEquals(0, stored());
    }

    @Test
    void malformedFormEncodingAndJsonGet400() {
        for (String body : List.of("payload=%zz", "command=%2", "payload=%7B%22type%22%3A", "payload={not json",
                "payload=[1,2,3]", "payload=\"just a string\"", "{\"type\":", "{\"type\":\"event_callback\"}",
                "[]", "{}", "payload={\"type\":\"block_actions\"}")) {
            clean(Slack.send(body)).statusCode(anyOf(equalTo(400), equalTo(200)));
        }
        for (String body : List.of("payload=%zz", "{\"type\":", "payload={not json", "{}")) {
            clean(Slack.send(body).statusCode(400));
        }
        assertEquals(0, stored());
    }

    @Test
    void unknownPayloadTypesAreRefusedOrIgnored() {
        clean(Slack.send("payload=" + URLEncoder.encode("{\"type\":\"definitely_not_slack\"}",
                StandardCharsets.UTF_8)).statusCode(400));
        // A verified Events API delivery of a type Bolt has no class for is Slack's own: acknowledged.
        clean(Slack.send("{\"token\":\"t\",\"type\":\"app_rate_limited\",\"team_id\":\"T0\","
                + "\"minute_rate_limited\":1518467820,\"api_app_id\":\"A0APP\"}").statusCode(200));
        clean(Slack.send("hello=world").statusCode(400));
        clean(Slack.send(Slack.event("Ev0OTHER", Map.of("type", "member_joined_channel", "user", "U1")))
                .statusCode(200));
        assertEquals(0, stored());
    }

    // ---- values that name the wrong things ----------------------------------------------------------------

    @Test
    void actionValuesNamingOtherOrMissingRequestsChangeNothing() {
        long id = flow.file("U0VICTIM", "console x");
        for (String value : List.of("999999", "-1", "0", "1e3", id + " ", "' or 1=1 --", "9".repeat(30), "")) {
            Slack.send(Slack.forgedBlockAction(SlackApiResource.ADMIN, "lightsail_deny", value, Flow.nextTs()))
                    .statusCode(200);
        }
        assertEquals("pending", flow.state(id));
        // A non-admin naming the right request changes nothing either.
        Slack.send(Slack.forgedBlockAction("U0EVE", "lightsail_approve", String.valueOf(id), Flow.nextTs())).statusCode(200);
        assertEquals("pending", flow.state(id));
        assertTrue(Flow.changingIamActions().isEmpty());
    }

    @Test
    void mentionsAndNamesBuiltToBreakParsingAreAnsweredCleanly() {
        for (String text : List.of("<@U1|x> delete", "<@U1|x y z> delete now", "name with spaces",
                "x".repeat(65), "zoë@example.com", "<!channel>", "<@U1|x><@U2|y>", "<mailto:a@b.c|a@b.c> <@U1>",
                "<https://evil.example|alice@example.com> delete", "\u0000", "a\nb")) {
            ValidatableResponse r = clean(Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, text))
                    .statusCode(200).body("response_type", equalTo("ephemeral")));
            String answer = r.extract().path("text");
            assertFalse(answer.contains("<!channel>") || answer.contains("<https://evil"), answer);
        }
        assertEquals(0, db.count("select count(*) from job"));
    }

    @Test
    void reasonsWithSlackControlSequencesAreStoredAsTypedAndNeverSentAsControlSequences() {
        String sent = "<!channel> <!here> <!subteam^S0ADMINS|@admins> <@U0BOSS> <#C0GENERAL|general> "
                + "<https://x.example|y> &lt;!everyone&gt; ```code``` *bold*";
        Slack.send(Slack.command("/lightsail-access", "U0LOUD", "console " + sent)).statusCode(200)
                .body("text", containsString("filed"));
        assertEquals("@channel @here @admins @U0BOSS #general y (https://x.example) <!everyone> ```code``` *bold*",
                db.single("select reason from access_request"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !Flow.approvalChannelPosts().isEmpty());
        String posted = Flow.approvalChannelPosts().get(0);
        for (String raw : List.of("<!channel>", "<!here>", "<!subteam^", "<@U0BOSS>", "<#C0GENERAL", "<!everyone>",
                "<https://x.example")) {
            assertFalse(posted.contains(raw), raw + " reached the message: " + posted);
        }
        assertTrue(posted.contains("&lt;!everyone&gt;"), "an entity a person typed is shown as typed: " + posted);
    }

    static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
