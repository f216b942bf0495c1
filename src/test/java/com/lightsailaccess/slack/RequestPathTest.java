package com.lightsailaccess.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /lightsail-access from the slash command to the approval message, over real HTTP and a real database. */
@QuarkusTest
@BotTest
class RequestPathTest {

    @Inject
    Db db;

    @Inject
    AgroalDataSource dataSource;

    WireMockServer slack;

    @BeforeEach
    void reset() {
        db.reset();
        SlackApiResource.resetToDefaults();
        slack = SlackApiResource.server();
    }

    private long requests() {
        return db.count("select count(*) from access_request");
    }

    private List<LoggedRequest> approvalPosts() {
        return slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL)));
    }

    /** The Block Kit JSON of a logged chat.postMessage (sent form-encoded by the Bolt client). */
    private static String blocksOf(LoggedRequest request) {
        for (String pair : request.getBodyAsString().split("&")) {
            if (pair.startsWith("blocks=")) {
                // Re-serialised without Gson's HTML escaping (\u003c for <), so assertions read like Slack does.
                return new GsonBuilder().disableHtmlEscaping().create().toJson(
                        JsonParser.parseString(URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8)));
            }
        }
        return "";
    }

    private void awaitApprovalPosts(int n) {
        await().atMost(Duration.ofSeconds(15)).until(() -> approvalPosts().size() >= n);
    }

    // ---- signatures ----------------------------------------------------------------------------------------

    @Test
    void unsignedRequestIsRejectedAndStoresNothing() {
        io.restassured.RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .body(Slack.command("/lightsail-access", "U0UNSIGNED", "console need it"))
                .post("/slack/events").then().statusCode(401);
        assertEquals(0, requests());
    }

    @Test
    void wrongSignatureIsRejectedAndStoresNothing() {
        String body = Slack.command("/lightsail-access", "U0WRONG", "console need it");
        long now = System.currentTimeMillis() / 1000;
        io.restassured.RestAssured.given()
                .header("X-Slack-Request-Timestamp", String.valueOf(now))
                .header("X-Slack-Signature", Slack.signature(now, body + "&tampered=1"))
                .contentType("application/x-www-form-urlencoded")
                .body(body)
                .post("/slack/events").then().statusCode(401);
        assertEquals(0, requests());
    }

    @Test
    void tooOldAndFutureTimestampsAreRejected() {
        String body = Slack.command("/lightsail-access", "U0OLD", "console need it");
        long now = System.currentTimeMillis() / 1000;
        Slack.send(body, now - 310, Map.of()).statusCode(401);
        Slack.send(body, now + 310, Map.of()).statusCode(401);
        assertEquals(0, requests());
        assertEquals(0, db.count("select count(*) from slack_delivery"));
    }

    @Test
    void oversizedBodyGets413() {
        String body = "payload=" + "x".repeat(SlackEventsRoute.MAX_BODY_BYTES + 10);
        Slack.send(body).statusCode(413);
        assertEquals(0, requests());
    }

    @Test
    void urlVerificationEchoesTheChallenge() {
        Slack.send("{\"token\":\"t\",\"challenge\":\"c-123\",\"type\":\"url_verification\"}")
                .statusCode(200).body(equalTo("c-123"));
    }

    // ---- filing a request ----------------------------------------------------------------------------------

    @Test
    void commandWithTextFilesOneRequestAndPostsOneApprovalMessage() {
        Slack.send(Slack.command("/lightsail-access", "U0ALICE", "programmatic deploy the blog"))
                .statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("request #"));

        assertEquals(1, requests());
        List<List<Object>> row = db.rows("select requester_id, access_type, reason, state from access_request");
        assertEquals(List.of("U0ALICE", "programmatic", "deploy the blog", "pending"), row.get(0));

        awaitApprovalPosts(1);
        String blocks = blocksOf(approvalPosts().get(0));
        assertTrue(blocks.contains("\"action_id\":\"lightsail_approve\""), blocks);
        assertTrue(blocks.contains("\"action_id\":\"lightsail_deny\""), blocks);
        assertTrue(blocks.contains("\"style\":\"primary\""), blocks);
        assertTrue(blocks.contains("\"style\":\"danger\""), blocks);
        long id = db.count("select id from access_request");
        assertTrue(blocks.contains("\"value\":\"" + id + "\""), "buttons carry the request id: " + blocks);
        assertTrue(blocks.contains("<@U0ALICE>"), blocks);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                db.count("select count(*) from access_request where approval_ts is not null") == 1);
        assertEquals(SlackApiResource.APPROVAL_CHANNEL,
                db.single("select approval_channel from access_request"));
        assertTrue(db.count("select count(*) from audit_event where action = 'requested'") == 1);
    }

    @Test
    void commandWithoutTypeWordUsesTheDefaultAccess() {
        Slack.send(Slack.command("/lightsail-access", "U0BOB", "I run the staging site")).statusCode(200)
                .body("text", containsString("console"));
        assertEquals("console", db.single("select access_type from access_request"));
        assertEquals("I run the staging site", db.single("select reason from access_request"));
    }

    @Test
    void whatAPersonTypedIsStoredAsTypedAndShownAsTypedWithoutPingsOrLinks() {
        // Typed: <!channel> please [click](https://evil.example) & @boss </b> R&D @channel
        // Slack sends a typed & < > as entities and the mention, link and @channel as control sequences.
        String sent = "&lt;!channel&gt; please <https://evil.example|click> &amp; <@U0BOSS|boss> &lt;/b&gt; "
                + "R&amp;D <!channel>";
        Slack.send(Slack.command("/lightsail-access", "U0MALLORY", "console " + sent)).statusCode(200);
        awaitApprovalPosts(1);
        String typed = "<!channel> please click (https://evil.example) & @boss </b> R&D @channel";
        assertEquals(typed, db.single("select reason from access_request"), "stored as the person typed it");

        long id = (Long) db.single("select id from access_request");
        com.google.gson.JsonObject quoted = new Flow(db).approvalMessage(id).blocks().get(1).getAsJsonObject()
                .getAsJsonObject("text");
        assertEquals("&gt; &lt;!channel&gt; please click (https://evil.example) &amp; @boss &lt;/b&gt; R&amp;D "
                + "@channel", quoted.get("text").getAsString(), "escaped exactly once");
        assertTrue(quoted.get("verbatim").getAsBoolean(), "Slack makes no link or mention of it");
        String blocks = blocksOf(approvalPosts().get(0));
        for (String control : List.of("<!channel>", "<https://evil", "<@U0BOSS", "&amp;amp;", "&amp;lt;")) {
            assertFalse(blocks.contains(control), control + " in " + blocks);
        }
    }

    @Test
    void aThousandCharacterReasonOfAmpersandsAndBracketsStillPosts() {
        // 1,000 characters typed; 4,500 as sent, over a section's 3,000.
        Slack.send(Slack.command("/lightsail-access", "U0AMPS", "console " + "&amp;&lt;".repeat(500)))
                .statusCode(200).body("text", containsString("filed"));
        assertEquals("&<".repeat(500), db.single("select reason from access_request"));
        long id = (Long) db.single("select id from access_request");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from access_request where approval_ts is not null") == 1);
        String shown = new StringBuilder().append(new Flow(db).approvalMessage(id).blocks()).toString();
        assertEquals(500, shown.split("&amp;", -1).length - 1, "every & is shown");
        assertEquals(500, shown.split("&lt;", -1).length - 1, "every < is shown");
        assertTrue(SlackApiResource.fake().rejections().isEmpty(), SlackApiResource.fake().rejections().toString());
    }

    @Test
    void modalPathOpensTheModalThenFilesOnSubmission() {
        Slack.send(Slack.command("/lightsail-access", "U0CAROL", "", "trigger-modal-1")).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !slack.findAll(postRequestedFor(urlPathEqualTo("/api/views.open"))).isEmpty());
        LoggedRequest open = slack.findAll(postRequestedFor(urlPathEqualTo("/api/views.open"))).get(0);
        assertTrue(open.getBodyAsString().contains("trigger_id=trigger-modal-1"), open.getBodyAsString());
        String view = URLDecoder.decode(open.getBodyAsString(), StandardCharsets.UTF_8);
        assertTrue(view.contains("lightsail_request_modal") && view.contains("reason_input"), view);
        assertEquals(0, requests());

        FakeSlack.View modal = SlackApiResource.fake().viewOpenedWith("trigger-modal-1").orElseThrow();
        Slack.send(Slack.submit("U0CAROL", modal, Map.of("access_type_input", "both",
                        "reason_input", "migrating the shop")))
                .statusCode(200)
                .body("response_action", equalTo("update"));
        assertEquals(List.of("U0CAROL", "both", "migrating the shop"),
                db.rows("select requester_id, access_type, reason from access_request").get(0));
        awaitApprovalPosts(1);
    }

    @Test
    void modalWithoutReasonShowsAnErrorAndStoresNothing() {
        Slack.send(Slack.command("/lightsail-access", "U0DAVE", "", "trigger-modal-2")).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                SlackApiResource.fake().viewOpenedWith("trigger-modal-2").isPresent());
        FakeSlack.View modal = SlackApiResource.fake().viewOpenedWith("trigger-modal-2").orElseThrow();
        Slack.send(Slack.submit("U0DAVE", modal, Map.of("access_type_input", "console", "reason_input", "   ")))
                .statusCode(200)
                .body("response_action", equalTo("errors"))
                .body("errors.reason", containsString("reason"));
        assertEquals(0, requests());
    }

    // ---- refusals ------------------------------------------------------------------------------------------

    @Test
    void emptyReasonIsRefused() {
        Slack.send(Slack.command("/lightsail-access", "U0ERIN", "console")).statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("reason is required"));
        assertEquals(0, requests());
    }

    @Test
    void unknownAccessTypeIsRefused() {
        Slack.send(Slack.command("/lightsail-access", "U0FRANK", "consle i need it")).statusCode(200)
                .body("text", containsString("Unknown access type"));
        Slack.send(Slack.command("/lightsail-access", "U0FRANK", "type=admin i need it")).statusCode(200)
                .body("text", containsString("Unknown access type"));
        assertEquals(0, requests());
    }

    @Test
    void secondOpenRequestIsRefused() {
        Slack.send(Slack.command("/lightsail-access", "U0GRACE", "console first")).statusCode(200)
                .body("text", containsString("filed"));
        Slack.send(Slack.command("/lightsail-access", "U0GRACE", "both second")).statusCode(200)
                .body("text", containsString("already have an open request"));
        assertEquals(1, requests());
    }

    @Test
    void someoneWithAccessIsRefused() {
        db.update("insert into access_request (requester_id, access_type, reason, state, iam_user_name) "
                + "values ('U0HEIDI', 'console', 'earlier', 'active', 'heidi@example.com')");
        Slack.send(Slack.command("/lightsail-access", "U0HEIDI", "console again")).statusCode(200)
                .body("text", containsString("already have Lightsail access"))
                .body("text", containsString("heidi@example.com"));
        assertEquals(1, requests());
    }

    @Test
    void dryRunGrantDoesNotBlockARealRequest() {
        db.update("insert into access_request (requester_id, access_type, reason, state, dry_run) "
                + "values ('U0IVAN', 'console', 'trial', 'active', true)");
        Slack.send(Slack.command("/lightsail-access", "U0IVAN", "console for real")).statusCode(200)
                .body("text", containsString("filed"));
        assertEquals(2, requests());
    }

    @Test
    void databaseRefusesASecondOpenRequestEvenWithoutTheCode() {
        db.update("insert into access_request (requester_id, access_type, reason, state) "
                + "values ('U0JUDY', 'console', 'one', 'pending')");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> db.update("insert into access_request (requester_id, access_type, reason, state) "
                        + "values ('U0JUDY', 'console', 'two', 'failed')"));
        assertTrue(e.getCause().getMessage().contains("access_request_one_open_per_person"), e.getMessage());
    }

    @Test
    void unknownCommandIsAnsweredClearly() {
        Slack.send(Slack.command("/lightsail-whatever", "U0KIM", "hi")).statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("does not know the command"));
        assertEquals(0, requests());
    }

    @Test
    void unknownButtonIsAnsweredClearly() {
        Slack.send(Slack.forgedBlockAction("U0LEO", "some_old_button", "1", "1700000001.000001")).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                !slack.findAll(postRequestedFor(urlPathMatching("/respond/click-U0LEO-\\d+"))).isEmpty());
        assertTrue(slack.findAll(postRequestedFor(urlPathMatching("/respond/click-U0LEO-\\d+"))).get(0)
                .getBodyAsString().contains("not known"));
    }

    @Test
    void helpAndStatusAnswerEphemerally() {
        Slack.send(Slack.command("/lightsail-access", "U0MIA", "help")).statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("/lightsail-access status"));
        Slack.send(Slack.command("/lightsail-access", "U0MIA", "status")).statusCode(200)
                .body("text", containsString("no Lightsail access request"));
        Slack.send(Slack.command("/lightsail-access", "U0MIA", "both load tests")).statusCode(200);
        Slack.send(Slack.command("/lightsail-access", "U0MIA", "status")).statusCode(200)
                .body("text", containsString("pending"))
                .body("text", containsString("console and programmatic"))
                .body("text", containsString("do not have Lightsail access"));
    }

    // ---- duplicates, concurrency, encoding ------------------------------------------------------------------

    @Test
    void theSameCommandDeliveredTwiceHasOneEffect() {
        String body = Slack.command("/lightsail-access", "U0NED", "console twice", "trigger-dup-1");
        Slack.send(body).statusCode(200).body("text", containsString("filed"));
        Slack.send(body).statusCode(200).body(not(containsString("already")));
        assertEquals(1, requests());
        awaitApprovalPosts(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> approvalPosts().size() == 1);
    }

    @Test
    void theSameCommandDeliveredTwiceAtOnceIsFiledOnceAndTheRepeatIsDropped() throws Exception {
        // Two copies at the same moment meet at the delivery's key, and the second is dropped as a repeat (not
        // refused as "already open"), whichever of them reaches the database first.
        String body = Slack.command("/lightsail-access", "U0TWIN", "console at once", "trigger-dup-2");
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<String> answers = new ArrayList<>();
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                sent.add(senders.submit(() -> {
                    together.await();
                    return Slack.send(body).statusCode(200).extract().asString();
                }));
            }
            for (Future<String> answer : sent) {
                answers.add(answer.get(20, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        assertEquals(1, answers.stream().filter(a -> a.contains("is filed")).count(), answers.toString());
        assertTrue(answers.stream().noneMatch(a -> a.contains("already")), answers.toString());
        assertEquals(1, requests());
        assertEquals(1, db.count("select count(*) from slack_delivery where delivery_key = 'command:trigger-dup-2'"));
        assertEquals(1, db.count("select count(*) from job where kind = 'POST_APPROVAL_MESSAGE'"));
    }

    @Test
    void aCommandThatLosesTheRaceForTheOneOpenRequestIsToldItIsAlreadyOpen() throws Exception {
        // Another command of the same person is storing its request and has not committed yet. This one's statement
        // cannot see that row, so it passes the refusal check, waits at the one-open-request index, and is refused
        // there once the other commits: the answer is "already open", not "temporarily unavailable".
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("insert into access_request (requester_id, "
                    + "access_type, reason, state) values ('U0RACE', 'console', 'the other command', 'pending')")) {
                insert.executeUpdate();
            }
            Future<String> answer = sender.submit(() -> Slack.send(Slack.command("/lightsail-access", "U0RACE",
                    "console racing")).statusCode(200).extract().asString());
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> db.count(
                    "select count(*) from pg_locks where not granted") > 0);
            other.commit();
            String text = answer.get(20, TimeUnit.SECONDS);
            assertTrue(text.contains("already have an open request"), text);
        } finally {
            sender.shutdownNow();
        }
        assertEquals(1, requests());
        // Only the row the other command stored by hand: the loser wrote no audit event and no job.
        assertEquals(0, db.count("select count(*) from audit_event where action = 'requested'"));
        assertEquals(0, db.count("select count(*) from job where kind = 'POST_APPROVAL_MESSAGE'"));
    }

    @Test
    void theSameClickDeliveredTwiceHasOneEffect() {
        String body = Slack.forgedBlockAction("U0OLGA", "some_old_button", "1", "1700000002.000002");
        Slack.send(body).statusCode(200);
        Slack.send(body).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                slack.findAll(postRequestedFor(urlPathMatching("/respond/click-U0OLGA-\\d+"))).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                slack.findAll(postRequestedFor(urlPathMatching("/respond/click-U0OLGA-\\d+"))).size() == 1);
    }

    @Test
    void aRetriedEventDeliveryIsAcknowledgedOnce() {
        String body = Slack.event("Ev0RETRY1", Map.of("type", "team_join", "user", Map.of("id", "U0NEW")));
        Slack.send(body).statusCode(200);
        Slack.send(body, System.currentTimeMillis() / 1000,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode(200);
        assertEquals(1, db.count("select count(*) from slack_delivery where delivery_key = 'event:Ev0RETRY1'"));
    }

    @Test
    void nonAsciiTextSurvivesSigningStorageAndTheMessage() {
        String reason = "Zoë's café für Ünïcode ☕ 東京";
        Slack.send(Slack.command("/lightsail-access", "U0ZOE", "console " + reason)).statusCode(200)
                .body("text", containsString("filed"));
        assertEquals(reason, db.single("select reason from access_request"));
        awaitApprovalPosts(1);
        assertTrue(blocksOf(approvalPosts().get(0)).contains(reason));
    }

    // ---- Slack's Web API in trouble ------------------------------------------------------------------------

    @Test
    void approvalMessageIsPostedOnceSlackRecoversFrom500And429() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("oops"))
                .willSetStateTo("second"));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("flaky")
                .whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("recovered"));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0APPROVAL\",\"ts\":\"1700000009.000900\"}")));

        Slack.send(Slack.command("/lightsail-access", "U0PAT", "console while slack is down")).statusCode(200)
                .body("text", containsString("filed"));
        assertEquals(1, requests(), "the request is kept while Slack is failing");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "1700000009.000900".equals(db.rows("select approval_ts from access_request").get(0).get(0)));
        assertEquals(3, approvalPosts().size(), "500, 429, then success");
        assertEquals("pending", db.single("select state from access_request"));
    }

    @Test
    void requesterIsToldWhenTheApprovalChannelCannotBeReached() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        Slack.send(Slack.command("/lightsail-access", "U0QUINN", "console nobody listens")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !slack.findAll(postRequestedFor(urlPathMatching("/respond/cmd-U0QUINN-\\d+"))).isEmpty());
        String told = slack.findAll(postRequestedFor(urlPathMatching("/respond/cmd-U0QUINN-\\d+"))).get(0)
                .getBodyAsString();
        assertTrue(told.contains("could not be shown to the admins") && told.contains("channel_not_found"), told);
        assertEquals("cancelled", db.single("select state from access_request"));
        // Cancelled, so the person may ask again.
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson(
                "{\"ok\":true,\"channel\":\"C0APPROVAL\",\"ts\":\"1700000010.000100\"}")));
        Slack.send(Slack.command("/lightsail-access", "U0QUINN", "console again")).statusCode(200)
                .body("text", containsString("filed"));
    }

    @Test
    void guestsAreRefusedAfterTheLookup() {
        slack.stubFor(post(urlPathEqualTo("/api/users.info")).withRequestBody(containing("U0GUEST"))
                .willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"U0GUEST\",\"team_id\":\"T0TEAM\","
                        + "\"is_restricted\":true}}")));
        Slack.send(Slack.command("/lightsail-access", "U0GUEST", "console guest")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "cancelled".equals(db.single("select state from access_request")));
        assertTrue(approvalPosts().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !slack.findAll(postRequestedFor(urlPathMatching("/respond/cmd-U0GUEST-\\d+"))).isEmpty());
        assertTrue(slack.findAll(postRequestedFor(urlPathMatching("/respond/cmd-U0GUEST-\\d+"))).get(0)
                .getBodyAsString().contains("Guest"));
    }

    // ---- health and metrics --------------------------------------------------------------------------------

    @Test
    void readinessReportsTheDatabaseAndMetricsAreExposed() {
        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"));
        Slack.send(Slack.command("/lightsail-access", "U0RITA", "console metrics")).statusCode(200);
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("lightsail_requests_total{outcome=\"filed\"}"), metrics);
        assertTrue(metrics.contains("lightsail_slack_ack_seconds"), "ack latency is measured");
    }
}
