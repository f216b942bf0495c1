package com.lightsailaccess.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.lightsailaccess.queue.Workers;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.LogCapture;
import com.lightsailaccess.testing.Metrics;
import com.lightsailaccess.testing.PostgresResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults on every side, each with a stated outcome: retried and completed, or failed visibly with the people
 * concerned told. Never a silent loss, a duplicate, or a credential left valid that nobody holds.
 */
@QuarkusTest
@BotTest
class FaultTest {

    static final String ALICE = Flow.ALICE;
    static final String ALICE_IAM = Flow.ALICE_IAM;
    static final String FAILURES = "lightsail_job_failures_total";

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
    }

    long approve(String text) {
        long id = flow.file(ALICE, text);
        flow.approve(id);
        return id;
    }

    /**
     * As if the replica that ran {@code kind}'s job for the request died after the job's work was recorded and
     * before the job was marked done, and every attempt after it died too: the next claim gives up.
     */
    void diedBeforeDoneWithNoAttemptsLeft(String kind, long requestId) {
        db.update("update job set finished_at = null, outcome = null, locked_by = null, locked_until = null, "
                + "attempts = 100, run_after = now() where kind = ? and request_id = ?", kind, requestId);
        await().atMost(Duration.ofSeconds(15)).until(() -> db.count("select count(*) from job where kind = ? "
                + "and request_id = ? and finished_at is not null", kind, requestId) == 1);
    }

    @Test
    void aDeliveredGrantIsNeverGivenUpAfterwards() {
        long id = approve("both deploy");
        flow.awaitState(id, "active");
        FakeIam.User before = iam.user(ALICE_IAM);
        String password = before.password;
        Set<String> keys = Set.copyOf(before.keys.keySet());

        diedBeforeDoneWithNoAttemptsLeft("PROVISION", id);
        assertEquals("active", flow.state(id));
        FakeIam.User after = iam.user(ALICE_IAM);
        // Compared, never printed: a failure message would show the password.
        assertTrue(password != null && password.equals(after.password), "the delivered password stays");
        assertEquals(keys, after.keys.keySet(), "the delivered key stays");
        assertTrue(after.groups.contains("LightsailFullAccessGroup"));
        assertNull(db.single("select failure_reason from access_request where id = ?", id));
        assertTrue(Flow.changingIamActions().stream().noneMatch(a -> a.startsWith("Delete")
                || a.equals("RemoveUserFromGroup")), Flow.changingIamActions().toString());
    }

    @Test
    void aRequestWhoseApprovalMessageWasPostedIsNeverCancelledAfterwards() {
        long id = flow.file(ALICE, "console deploy");
        diedBeforeDoneWithNoAttemptsLeft("POST_APPROVAL_MESSAGE", id);
        assertEquals("pending", flow.state(id));
        flow.approve(id);
        flow.awaitState(id, "active");
    }

    // ---- IAM ---------------------------------------------------------------------------------------------------

    @Test
    void iamTimeoutAfterTheUserWasCreatedIsRetriedIntoTheSameUser() {
        // IAM creates the user but answers after the attempt timeout (1 s in tests): the retry finds it, ours.
        iam.delayNext("CreateUser", 1, 2500);
        long id = approve("console x");
        flow.awaitState(id, "active");
        assertEquals(1, iam.users().size());
        assertTrue(Flow.iamCalls("CreateUser").size() >= 2, "the timed-out call was retried");
    }

    @Test
    void connectionResetsAreRetried() {
        iam.breakNext("CreateAccessKey", 1, Fault.CONNECTION_RESET_BY_PEER);
        iam.breakNext("AddUserToGroup", 1, Fault.EMPTY_RESPONSE);
        long id = approve("programmatic x");
        flow.awaitState(id, "active");
        assertEquals(1, iam.user(ALICE_IAM).keys.size());
        assertEquals(Flow.dmsTo(ALICE).size(), 1);
    }

    @Test
    void aLostCreateAccessKeyAnswerLeavesNoKeyThatNobodyHolds() {
        // IAM makes the key but its answer arrives after the attempt timeout: the secret is lost in transit.
        iam.delayNext("CreateAccessKey", 1, 2500);
        long id = approve("programmatic x");
        flow.awaitState(id, "active");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(1, user.keys.size(), "the key made by the lost call was deleted");
        assertEquals(2, Flow.iamCalls("CreateAccessKey").size(), "tried once, then once more by the job");
        String live = user.keys.keySet().iterator().next();
        assertTrue(Slack.readable(Flow.dmsTo(ALICE).get(0)).contains(live));
    }

    @Test
    void iam500sBeyondTheSdksRetriesAreRetriedByTheJob() {
        iam.failNext("CreateLoginProfile", 5, 500, "ServiceFailure");
        long id = approve("console x");
        flow.awaitState(id, "active");
        assertEquals(1, db.count("select count(*) from job where kind = 'PROVISION' and attempts >= 2"));
    }

    @Test
    void iamFailingForGoodEndsInAVisibleFailureWithRetryForTheAdmins() {
        double gaveUpBefore = Metrics.counter(FAILURES, "kind", "provision", "outcome", "gave_up",
                "error", "ServiceFailure");
        try (LogCapture log = LogCapture.of(Workers.LOG)) {
            iam.failNext("CreateUser", 1000, 500, "ServiceFailure");
            long id = approve("console x");
            await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                    "select count(*) from job where kind = 'PROVISION' and attempts >= 1 and locked_by is null "
                            + "and finished_at is null") == 1);
            // Skip the waiting: the next attempt is the last one the worker allows.
            db.update("update job set attempts = 5, run_after = now() where kind = 'PROVISION' "
                    + "and locked_by is null");
            flow.awaitState(id, "failed");
            String reason = (String) db.single("select failure_reason from access_request where id = ?", id);
            assertTrue(reason.contains("gave up after repeated errors") && reason.contains("ServiceFailure"), reason);
            await().atMost(Duration.ofSeconds(5)).until(() -> Flow.lastUpdate().contains("lightsail_retry"));
            assertTrue(iam.users().isEmpty());
            assertTrue(Flow.dmsTo(ALICE).isEmpty());

            // Where operators look: a WARN for the first attempt, one ERROR for the give-up, and the counter.
            String job = "PROVISION for request #" + id + " (job #";
            List<String> warns = log.lines("WARN", job);
            assertFalse(warns.isEmpty(), log.lines().toString());
            assertTrue(warns.get(0).matches("WARN PROVISION for request #" + id + " \\(job #\\d+\\): attempt 1 of 6 "
                    + "failed with ServiceFailure \\(\\w+ failed: ServiceFailure\\); next try at \\S+Z \\(in [\\d.]+ s\\)"),
                    warns.get(0));
            List<String> errors = log.lines("ERROR", job);
            assertEquals(1, errors.size(), log.lines().toString());
            assertTrue(errors.get(0).matches("ERROR PROVISION for request #" + id + " \\(job #\\d+\\): attempt 6 of 6 "
                    + "failed with ServiceFailure \\(\\w+ failed: ServiceFailure\\); giving up"),
                    errors.get(0));
        }
        assertEquals(gaveUpBefore + 1, Metrics.counter(FAILURES, "kind", "provision", "outcome", "gave_up",
                "error", "ServiceFailure"));
    }

    // ---- IAM's eventual consistency ------------------------------------------------------------------------------

    @Test
    void entitiesJustCreatedThatIamDoesNotShowYetAreWaitedForAndProvisionedExactlyOnce() {
        // Right after CreatePolicy, CreateGroup and CreateUser, the next calls naming them answer NoSuchEntity.
        iam.hideNewEntities(3);
        iam.failNext("AddUserToGroup", 2, 409, "EntityTemporarilyUnmodifiable");
        long id = approve("both eventually");
        flow.awaitState(id, "active");
        assertEquals(2, Flow.iamSucceeded("CreatePolicy"), "the seed's policy and the first sign-in's, once each");
        assertEquals(List.of("LightsailFirstSignInPolicy", "LightsailFullAccessPolicy"), Flow.iamCalls("CreatePolicy")
                .stream().map(r -> Flow.params(r).get("PolicyName")).distinct().sorted().toList());
        assertEquals(1, Flow.iamSucceeded("CreateGroup"));
        assertEquals(1, Flow.iamSucceeded("CreateUser"));
        long notFound = java.util.stream.Stream.of("ListAccessKeys", "CreateLoginProfile", "ListAttachedGroupPolicies",
                "AttachGroupPolicy").mapToLong(a -> Flow.iamAnswers(a).stream().filter(s -> s == 404).count()).sum();
        assertTrue(notFound >= 9, "each new entity answered NoSuchEntity three times and was waited for: "
                + notFound);
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(1, user.keys.size(), "one key");
        assertEquals(Set.of("LightsailFullAccessGroup"), user.groups);
        assertEquals(1, Flow.dmsTo(ALICE).size(), "one DM");
        assertTrue(Slack.readable(Flow.dmsTo(ALICE).get(0)).contains(user.keys.keySet().iterator().next()));
    }

    @Test
    void aGrantThatFailsForGoodLeavesNoCredentialAndNoMembershipBehind() {
        iam.failNext("ListAccountAliases", 1, 409, "LimitExceeded");
        long id = approve("both x");
        flow.awaitState(id, "failed");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertNull(user.password, "the password it set was withdrawn");
        assertTrue(user.keys.isEmpty(), "the key it created was deleted");
        assertTrue(user.groups.isEmpty(), "it left the group");
        assertTrue(Flow.dmsTo(ALICE).isEmpty());
        String reason = (String) db.single("select failure_reason from access_request where id = ?", id);
        assertTrue(reason.contains("withdrawn"), reason);
    }

    @Test
    void givingUpAfterRepeatedErrorsAlsoWithdrawsWhatWasCreated() {
        iam.failNext("AddUserToGroup", 1000, 500, "ServiceFailure");
        long id = approve("programmatic x");
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                "select count(*) from job where kind = 'PROVISION' and attempts >= 1 and locked_by is null "
                        + "and finished_at is null") == 1);
        db.update("update job set attempts = 5, run_after = now() where kind = 'PROVISION' and locked_by is null");
        flow.awaitState(id, "failed");
        assertTrue(iam.user(ALICE_IAM).keys.isEmpty(), "no undelivered key stays valid");
    }

    // ---- Slack's Web API ---------------------------------------------------------------------------------------

    @Test
    void invalidAuthOnTheApprovalPostTellsTheRequesterAndCancels() {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        Slack.send(Slack.command("/lightsail-access", ALICE, "console x")).statusCode(200)
                .body("text", containsString("filed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(
                db.single("select state from access_request")));
        // The answer is queued with the cancellation and sent right after it.
        String told = await().atMost(Duration.ofSeconds(10)).until(() -> SlackApiResource.server().findAll(
                postRequestedFor(urlPathMatching("/respond/cmd-" + ALICE + "-\\d+"))), r -> !r.isEmpty())
                .get(0).getBodyAsString();
        assertTrue(told.contains("invalid_auth"), told);
    }

    @Test
    void rateLimitedDmIsRetriedAfterRetryAfterWithFreshCredentials() {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + ALICE)).inScenario("dm")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("open"));
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + ALICE)).inScenario("dm").whenScenarioStateIs("open")
                .willReturn(okJson("{\"ok\":true,\"ts\":\"1.1\"}")));
        long id = approve("programmatic x");
        flow.awaitState(id, "active");
        assertEquals(1, iam.user(ALICE_IAM).keys.size(), "the undelivered key was withdrawn, one live key");
        assertEquals(2, Flow.iamCalls("CreateAccessKey").size());
        assertEquals(1, Flow.iamCalls("DeleteAccessKey").size());
    }

    @Test
    void slackUnreachableIsOneWarnLinePerFailedAttemptAndCounted() {
        double before = Metrics.counter(FAILURES, "kind", "post_approval_message", "outcome", "retry",
                "error", "io_error");
        try (LogCapture log = LogCapture.of(Workers.LOG)) {
            SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                    .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            Slack.send(Slack.command("/lightsail-access", ALICE, "console while Slack is away")).statusCode(200)
                    .body("text", containsString("filed"));
            long id = db.count("select id from access_request where requester_id = ?", ALICE);
            String job = "POST_APPROVAL_MESSAGE for request #" + id + " (job #";
            await().atMost(Duration.ofSeconds(20)).until(() -> log.lines("WARN", job).size() >= 2);
            for (int attempt = 1; attempt <= 2; attempt++) {
                String line = log.lines("WARN", job).get(attempt - 1);
                assertTrue(line.matches("WARN POST_APPROVAL_MESSAGE for request #" + id + " \\(job #\\d+\\): attempt "
                        + attempt + " of 16 failed with io_error \\(chat.postMessage failed: io_error "
                        + "\\(could not reach localhost:\\d+: SocketException: Connection reset\\)\\); "
                        + "next try at \\S+Z \\(in [\\d.]+ s\\)"), line);
            }

            // Slack answers again: the request is posted, and nothing was logged as given up.
            SlackApiResource.resetToDefaults();
            await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                    "select count(*) from access_request where id = ? and approval_ts is not null", id) == 1);
            assertEquals(List.of(), log.lines("ERROR", job));
        }
        assertTrue(Metrics.counter(FAILURES, "kind", "post_approval_message", "outcome", "retry", "error",
                "io_error") >= before + 2);
    }

    @Test
    void givingUpOnTheApprovalPostIsAnErrorAndTheAdminsAreToldOnceSlackAnswers() {
        try (LogCapture log = LogCapture.of(Workers.LOG)) {
            SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                    .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
            Slack.send(Slack.command("/lightsail-access", ALICE, "console while Slack is away")).statusCode(200);
            long id = db.count("select id from access_request where requester_id = ?", ALICE);
            // Skip the hour of waiting: once an attempt has failed and the job is free, its next attempt is the
            // last one the worker allows.
            await().atMost(Duration.ofSeconds(20)).until(() -> db.update("update job set attempts = 15, "
                    + "run_after = now() where kind = 'POST_APPROVAL_MESSAGE' and attempts between 1 and 14 "
                    + "and locked_by is null and finished_at is null") == 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> "cancelled".equals(flow.state(id)));
            List<String> errors = log.lines("ERROR", "POST_APPROVAL_MESSAGE for request #" + id + " (job #");
            assertEquals(1, errors.size(), log.lines().toString());
            assertTrue(errors.get(0).matches("ERROR POST_APPROVAL_MESSAGE for request #" + id + " \\(job #\\d+\\): "
                    + "attempt 16 of 16 failed with io_error \\(chat.postMessage failed: io_error "
                    + "\\(could not reach localhost:\\d+: SocketException: Connection reset\\)\\); giving up"),
                    errors.get(0));

            // Slack answers again: the admins' notice, queued with the cancellation, reaches the channel.
            SlackApiResource.resetToDefaults();
            await().atMost(Duration.ofSeconds(20)).until(() -> Flow.approvalChannelPosts().stream()
                    .anyMatch(p -> p.contains("Request #" + id + " from") && p.contains("could not be posted here")));
        }
    }

    // ---- PostgreSQL ---------------------------------------------------------------------------------------------

    @Test
    void aClickOnTheHomeTabsExtendWhileTheDatabaseDoesNotAnswerIsAckedAndToldUnavailable() throws Exception {
        long grant = flow.grant(ALICE, "console for 7d x");
        Flow.openHome(ALICE);
        String extend = Flow.homeClick(ALICE, "lightsail_extend", grant);
        CompletableFuture<Integer> ack;
        try (AutoCloseable stuck = db.lockTable("access_request")) {
            // The read of the grant waits on the lock: bounded as every read on the acknowledgement path, the click
            // is answered in time (Slack allows 3 s), and the holder is told to try again.
            ack = CompletableFuture.supplyAsync(() -> Slack.send(extend).extract().statusCode());
            await().atMost(Duration.ofSeconds(3)).until(ack::isDone);
            // A click on the Home tab is answered by DM.
            await().atMost(Duration.ofSeconds(5)).until(() -> Flow.dmsTo(ALICE).stream()
                    .anyMatch(m -> Slack.readable(m).contains("temporarily unavailable")));
        }
        assertEquals(200, ack.get());
        assertTrue(SlackApiResource.fake().views().stream().noneMatch(v -> v.json().get("callback_id")
                .getAsString().equals("lightsail_extend_modal")), "no modal from a read that did not happen");
    }

    @Test
    void anApproveClickWhileTheDatabaseDoesNotAnswerIsAckedInTimeAndToldUnavailableAndChangesNothing()
            throws Exception {
        long id = flow.file(ALICE, "console x");
        String approve = Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id);
        CompletableFuture<Integer> ack;
        try (AutoCloseable stuck = db.lockTable("access_request")) {
            // The decision locks the request: bounded as every statement on the acknowledgement path, the click is
            // acked in time and the admin hears that nothing changed.
            ack = CompletableFuture.supplyAsync(() -> Slack.send(approve).extract().statusCode());
            await().atMost(Duration.ofSeconds(3)).until(ack::isDone);
            await().atMost(Duration.ofSeconds(5)).until(() -> Flow.responsesTo(SlackApiResource.ADMIN).stream()
                    .anyMatch(r -> r.contains("temporarily unavailable, so nothing changed")));
        }
        assertEquals(200, ack.get());
        assertEquals("pending", flow.state(id));
        assertTrue(Flow.changingIamActions().isEmpty());
    }

    @Test
    void whileTheDatabaseIsDownNothingIsStoredAndAfterItsRestartWorkGoesOn() throws Exception {
        long before = flow.grant(ALICE, "console x");
        PostgresResource.stopServer();
        try {
            Slack.send(Slack.command("/lightsail-access", "U0DOWN", "console during the outage")).statusCode(200)
                    .body("response_type", org.hamcrest.Matchers.equalTo("ephemeral"))
                    .body("text", containsString("temporarily unavailable, so nothing was stored"));
            Slack.send(Slack.command("/lightsail-access", "U0DOWN", "status")).statusCode(200)
                    .body("text", containsString("temporarily unavailable"));
        } finally {
            PostgresResource.startServer();
        }
        // The test reads through the bot's pool, which may still hand out a connection from before the restart
        // (one used less than the 2 s validation interval ago): the check's own query is retried until it gets a
        // live one. A stored row would still fail it.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> db.count(
                "select count(*) from access_request where requester_id = 'U0DOWN'") == 0);
        assertEquals("active", flow.state(before), "what was stored before the restart is intact");
        // Once the database is back, the bot recovers by itself: a new request is filed and posted.
        await().atMost(Duration.ofSeconds(30)).until(() -> Slack.send(Slack.command("/lightsail-access", "U0DOWN",
                "console after the outage")).extract().asString().contains("filed"));
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from access_request "
                + "where requester_id = 'U0DOWN' and approval_ts is not null") == 1);
    }
}
