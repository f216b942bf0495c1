package com.lightsailaccess.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack's rate limits, as the stand-in enforces them: about one message a second per channel (a short burst
 * allowed), chat.update by its tier, 429 with Retry-After beyond that.
 */
@QuarkusTest
@BotTest
class SlackLimitsTest {

    @Inject
    Db db;

    Flow flow;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
    }

    static List<FakeSlack.Message> approvalMessages() {
        return SlackApiResource.fake().messages().stream()
                .filter(m -> m.channel().equals(SlackApiResource.APPROVAL_CHANNEL))
                .filter(m -> m.text().startsWith("Lightsail access request #")).toList();
    }

    static <T> List<T> allAtOnce(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void thirtyRequestsFiledAtOnceEndWithThirtyMessagesAndAfterTheirDecisionsThirtyFinalStates() throws Exception {
        List<String> people = new ArrayList<>();
        List<Callable<Integer>> filings = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String user = String.format("U0RUSH%02d", i);
            people.add(user);
            SlackApiResource.person(user, "rush" + i + "@example.com");
            filings.add(() -> Slack.send(Slack.command("/lightsail-access", user, "console rush " + user))
                    .extract().statusCode());
        }
        assertEquals(List.of(200), allAtOnce(filings).stream().distinct().toList());
        assertEquals(30, db.count("select count(distinct requester_id) from access_request"));

        // One a second after a short burst: about half a minute for thirty.
        await().atMost(Duration.ofSeconds(90)).until(() -> approvalMessages().size() == 30
                && db.count("select count(*) from access_request where approval_ts is not null") == 30);
        assertFalse(SlackApiResource.fake().rejections().stream().anyMatch(r -> r.startsWith("chat.postMessage")),
                "the bot paces its posts instead of running into Slack's limit: "
                        + SlackApiResource.fake().rejections());

        List<Callable<Integer>> decisions = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long id = db.count("select id from access_request where requester_id = ?", people.get(i));
            ids.add(id);
            String click = Flow.click(SlackApiResource.ADMIN, i % 2 == 0 ? "lightsail_approve" : "lightsail_deny", id);
            decisions.add(() -> Slack.send(click).extract().statusCode());
        }
        assertEquals(List.of(200), allAtOnce(decisions).stream().distinct().toList());

        await().atMost(Duration.ofSeconds(150)).until(() -> ids.stream().allMatch(id -> {
            String state = flow.state(id);
            String shown = flow.approvalMessage(id).blocks().toString();
            return (state.equals("active") && shown.contains("Approved by") && shown.contains("credentials sent"))
                    || (state.equals("denied") && shown.contains("Denied by"));
        }));
        for (long id : ids) {
            FakeSlack.Message message = flow.approvalMessage(id);
            assertTrue(Flow.buttonValues(message, "lightsail_approve").isEmpty()
                    && Flow.buttonValues(message, "lightsail_deny").isEmpty(), "no buttons left on #" + id);
        }
        for (int i = 1; i < 30; i += 2) {
            String denied = people.get(i);
            await().atMost(Duration.ofSeconds(30)).until(() -> Flow.dmsTo(denied).size() == 1);
        }
    }

    @Test
    void aModalOpensWithinItsTriggersThreeSecondsWhileAnswersWaitForSlowResponseUrls() {
        long id = flow.file(Flow.ALICE, "console work");
        // Slack's response_url answers Bob slowly; Bob, no admin, clicks Approve a dozen times: each refusal is an
        // answer through a response_url, and together they fill the after-ack pool for seconds.
        SlackApiResource.server().stubFor(post(urlPathMatching("/respond/click-U0BOB.*")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(8000)));
        for (int i = 0; i < 12; i++) {
            Slack.send(Flow.click("U0BOB", "lightsail_approve", id)).statusCode(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> SlackApiResource.server().findAll(
                postRequestedFor(urlPathMatching("/respond/click-U0BOB.*"))).size() >= 8);

        // A command's trigger lives 3 s (the stand-in refuses it after that): the modal still opens.
        String trigger = "trigger-busy-" + id;
        Slack.send(Slack.command("/lightsail-access", Flow.ALICE, "", trigger)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> SlackApiResource.fake().viewOpenedWith(trigger)
                .isPresent());
    }

    @Test
    void aRateLimitedUpdateOfTheApprovalMessageIsRetriedAfterRetryAfter() {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.update")).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "1").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("free"));
        long id = flow.file(Flow.ALICE, "console x");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_deny", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                flow.approvalMessage(id).blocks().toString().contains("Denied by"));
        assertTrue(SlackApiResource.server().findAll(postRequestedFor(urlPathEqualTo("/api/chat.update"))).size() >= 2);
    }

    @Test
    void whenACommandsResponseUrlHasRunOutThePersonIsToldByDirectMessage() throws Exception {
        for (String guest : List.of("U0LATE", "U0USEDUP")) {
            SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info")).withRequestBody(
                    com.github.tomakehurst.wiremock.client.WireMock.containing("user=" + guest)).willReturn(okJson(
                    "{\"ok\":true,\"user\":{\"id\":\"" + guest + "\",\"team_id\":\"T0TEAM\","
                            + "\"is_restricted\":true}}")));
        }
        // Slack's response_url works 30 minutes and 5 times.
        String late = SlackApiResource.responseUrl("cmd-U0LATE", Duration.ofMinutes(31));
        String usedUp = SlackApiResource.responseUrl("cmd-U0USEDUP");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(usedUp))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"earlier\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
        Slack.send(Slack.command("/lightsail-access", "U0LATE", "console x", "trigger-late",
                java.util.Map.of("response_url", late))).statusCode(200);
        Slack.send(Slack.command("/lightsail-access", "U0USEDUP", "console x", "trigger-used",
                java.util.Map.of("response_url", usedUp))).statusCode(200);
        for (String guest : List.of("U0LATE", "U0USEDUP")) {
            await().atMost(Duration.ofSeconds(15)).until(() -> Flow.dmsTo(guest).stream()
                    .anyMatch(dm -> Slack.readable(dm).contains("Guest accounts cannot request")));
        }
        assertTrue(SlackApiResource.fake().rejections().stream().anyMatch(r -> r.contains("expired")));
        assertTrue(SlackApiResource.fake().rejections().stream().anyMatch(r -> r.contains("used more than")));
    }

    @Test
    void anErrorSlackDoesNotCallTemporaryIsNotRetried() {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"some_new_error_slack_invented\"}")));
        Slack.send(Slack.command("/lightsail-access", Flow.ALICE, "console x")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(db.single(
                "select state from access_request")));
        assertEquals(1, SlackApiResource.server().findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("channel="
                        + SlackApiResource.APPROVAL_CHANNEL))).size(), "tried once, not retried");
    }
}
