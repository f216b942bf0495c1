package com.lightsailaccess.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approve → IAM → the one DM; Deny; and every way that can go wrong on the way. IAM is {@link FakeIam}. */
@QuarkusTest
@BotTest
class ApprovalFlowTest {

    static final String ALICE = "U0ALICE";
    static final String ALICE_IAM = "alice@example.com";
    static final AtomicLong ACTION_TS = new AtomicLong(1_700_000_100_000L);

    @Inject
    Db db;

    WireMockServer slack;
    FakeIam iam;

    @BeforeEach
    void reset() {
        db.reset();
        SlackApiResource.resetToDefaults();
        IamResource.reset();
        slack = SlackApiResource.server();
        iam = IamResource.iam();
        SlackApiResource.person(ALICE, "Alice@Example.com");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    long file(String user, String text) {
        Slack.send(Slack.command("/lightsail-access", user, text)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from access_request where requester_id = ? and approval_ts is not null", user) == 1);
        return db.count("select id from access_request where requester_id = ?", user);
    }

    static String click(String user, String actionId, long requestId) {
        return Slack.blockAction(user, actionId, String.valueOf(requestId), nextTs());
    }

    static String nextTs() {
        long n = ACTION_TS.incrementAndGet();
        return (n / 1000) + "." + String.format("%06d", n % 1000);
    }

    String state(long id) {
        return (String) db.single("select state from access_request where id = ?", id);
    }

    void awaitState(long id, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(state(id)));
    }

    List<LoggedRequest> iamCalls(String action) {
        return IamResource.server().findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=" + action + "&")));
    }

    static Map<String, String> params(LoggedRequest request) {
        Map<String, String> map = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    List<LoggedRequest> dmsTo(String user) {
        return slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + user)));
    }

    List<String> responsesTo(String clicker) {
        return slack.findAll(postRequestedFor(urlPathEqualTo("/respond/click-" + clicker))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
    }

    String lastUpdate() {
        List<LoggedRequest> updates = slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update")));
        return updates.isEmpty() ? "" : Slack.readable(updates.get(updates.size() - 1));
    }

    static String decoded(LoggedRequest request) {
        return Slack.readable(request);
    }

    List<String> changingIamActions() {
        return IamResource.server().findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(r -> params(r).get("Action"))
                .filter(a -> !(a.startsWith("Get") || a.startsWith("List")))
                .toList();
    }

    // ---- the happy path --------------------------------------------------------------------------------------

    @Test
    void adminApprovesAndTheBotDoesWhatTheSeedDoesByHand() {
        long id = file(ALICE, "both deploy the blog");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "active");

        assertEquals(List.of("CreatePolicy", "CreateGroup", "AttachGroupPolicy", "CreateUser",
                "CreateLoginProfile", "AttachUserPolicy", "CreateAccessKey", "AddUserToGroup"), changingIamActions());

        Map<String, String> policy = params(iamCalls("CreatePolicy").get(0));
        assertEquals("LightsailFullAccessPolicy", policy.get("PolicyName"));
        assertTrue(policy.get("PolicyDocument").contains("\"Action\":\"lightsail:*\"")
                && policy.get("PolicyDocument").contains("\"Resource\":\"*\""), policy.get("PolicyDocument"));
        assertEquals("LightsailFullAccessGroup", params(iamCalls("CreateGroup").get(0)).get("GroupName"));
        assertEquals("arn:aws:iam::123456789012:policy/LightsailFullAccessPolicy",
                params(iamCalls("AttachGroupPolicy").get(0)).get("PolicyArn"));
        Map<String, String> createUser = params(iamCalls("CreateUser").get(0));
        assertEquals(ALICE_IAM, createUser.get("UserName"), "lower-cased Slack e-mail");
        assertEquals("/lightsail/", createUser.get("Path"));
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(Map.of("managed-by", "lightsail-access-bot", "slack-user-id", ALICE,
                "request-id", String.valueOf(id)), user.tags);
        assertEquals("true", params(iamCalls("CreateLoginProfile").get(0)).get("PasswordResetRequired"));
        assertTrue(user.passwordResetRequired);
        assertEquals(Set.of("arn:aws:iam::aws:policy/IAMUserChangePassword"), user.attachedPolicies);
        assertEquals(1, user.keys.size());
        assertEquals(Set.of("LightsailFullAccessGroup"), user.groups);

        List<LoggedRequest> dms = dmsTo(ALICE);
        assertEquals(1, dms.size(), "one direct message");
        String dm = decoded(dms.get(0));
        String keyId = user.keys.keySet().iterator().next();
        assertTrue(dm.contains(user.password), "the DM carries the password");
        assertTrue(dm.contains(keyId) && dm.contains(user.keys.get(keyId)), "the DM carries the access key");
        assertTrue(dm.contains(ALICE_IAM) && dm.contains("https://123456789012.signin.aws.amazon.com/console"), dm);
        assertTrue(dm.contains("only time"), dm);
        String fallback = params(dms.get(0)).get("text");
        assertFalse(fallback.contains(user.password) || fallback.contains(user.keys.get(keyId)),
                "the notification text never carries a secret");

        String update = lastUpdate();
        assertTrue(update.contains("Approved by <@" + SlackApiResource.ADMIN + ">"), update);
        assertFalse(update.contains("lightsail_approve") || update.contains("lightsail_deny"), "no buttons left");
        assertEquals(SlackApiResource.ADMIN, db.single("select decided_by from access_request where id = ?", id));
        assertEquals(ALICE_IAM, db.single("select iam_user_name from access_request where id = ?", id));
        assertEquals(1, db.count("select count(*) from issued_key where delivered_at is not null"));
        assertTrue(db.count("select count(*) from audit_event where request_id = ? and action like 'iam:%'", id) >= 5);
    }

    @Test
    void consoleSignInUrlUsesTheAccountAliasAndPasswordMeetsThePolicy() {
        iam.addAlias("acme-prod");
        iam.setPasswordPolicy(Map.of("MinimumPasswordLength", "32", "RequireSymbols", "true",
                "RequireNumbers", "true", "RequireUppercaseCharacters", "true", "RequireLowercaseCharacters", "true"));
        long id = file(ALICE, "console docs");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "active");
        assertTrue(decoded(dmsTo(ALICE).get(0)).contains("https://acme-prod.signin.aws.amazon.com/console"));
        String password = iam.user(ALICE_IAM).password;
        assertTrue(password.length() >= 32, password.length() + " characters");
        assertTrue(iam.user(ALICE_IAM).keys.isEmpty(), "console access makes no key");
    }

    @Test
    void aUsergroupMemberIsAnAdminToo() {
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.GROUP_ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "active");
        assertEquals(SlackApiResource.GROUP_ADMIN, db.single("select decided_by from access_request where id = ?", id));
    }

    // ---- who may decide --------------------------------------------------------------------------------------

    @Test
    void nonAdminIsRefusedAndNothingChanges() {
        long id = file(ALICE, "console x");
        Slack.send(click("U0RANDOM", "lightsail_approve", id)).statusCode(200);
        Slack.send(click("U0RANDOM", "lightsail_deny", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> responsesTo("U0RANDOM").size() == 2);
        assertTrue(responsesTo("U0RANDOM").get(0).contains("Only Lightsail Access admins"));
        assertEquals("pending", state(id));
        assertTrue(changingIamActions().isEmpty());
    }

    @Test
    void requesterCannotApproveTheirOwnRequest() {
        SlackApiResource.person(SlackApiResource.ADMIN, "admin@example.com");
        long id = file(SlackApiResource.ADMIN, "console mine");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !responsesTo(SlackApiResource.ADMIN).isEmpty());
        assertTrue(responsesTo(SlackApiResource.ADMIN).get(0).contains("cannot approve your own request"));
        assertEquals("pending", state(id));
        assertTrue(changingIamActions().isEmpty());
    }

    @Test
    void aButtonNamingAnotherOrNoRequestChangesNothing() {
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id + 1000)).statusCode(200);
        Slack.send(Slack.blockAction(SlackApiResource.ADMIN, "lightsail_approve", "1; drop table job", nextTs()))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> responsesTo(SlackApiResource.ADMIN).size() == 2);
        assertTrue(responsesTo(SlackApiResource.ADMIN).get(0).contains("no request #" + (id + 1000)));
        assertTrue(responsesTo(SlackApiResource.ADMIN).get(1).contains("does not name a request"));
        assertEquals("pending", state(id));
    }

    // ---- exactly once ----------------------------------------------------------------------------------------

    @Test
    void theSameClickThreeTimesAndTwoAdminsAtOnceProvisionOnce() throws Exception {
        long id = file(ALICE, "programmatic ci");
        String sameClick = click(SlackApiResource.ADMIN, "lightsail_approve", id);
        String otherAdmin = click(SlackApiResource.OTHER_ADMIN, "lightsail_approve", id);
        List<String> bodies = List.of(sameClick, sameClick, sameClick, otherAdmin);
        CyclicBarrier start = new CyclicBarrier(bodies.size());
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String body : bodies) {
                calls.add(() -> {
                    start.await();
                    return Slack.send(body).extract().statusCode();
                });
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdown();
        }
        awaitState(id, "active");
        assertEquals(1, iamCalls("CreateUser").size());
        assertEquals(1, iamCalls("CreateAccessKey").size());
        assertEquals(1, iam.users().size());
        assertEquals(1, iam.user(ALICE_IAM).keys.size());
        assertEquals(1, dmsTo(ALICE).size());
        assertEquals(1, db.count("select count(*) from job where kind = 'PROVISION'"));
        assertEquals(1, db.count("select count(*) from audit_event where action = 'approved'"));
    }

    @Test
    void theLosingAdminIsToldWhoDecided() {
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_deny", id)).statusCode(200);
        Slack.send(click(SlackApiResource.OTHER_ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !responsesTo(SlackApiResource.OTHER_ADMIN).isEmpty());
        String told = responsesTo(SlackApiResource.OTHER_ADMIN).get(0);
        assertTrue(told.contains("already denied") && told.contains(SlackApiResource.ADMIN), told);
        assertEquals("denied", state(id));
    }

    // ---- deny ------------------------------------------------------------------------------------------------

    @Test
    void denyUpdatesTheMessageAndTellsTheRequester() {
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_deny", id)).statusCode(200);
        awaitState(id, "denied");
        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(ALICE).size() == 1);
        assertTrue(decoded(dmsTo(ALICE).get(0)).contains("denied by <@" + SlackApiResource.ADMIN + ">"));
        await().atMost(Duration.ofSeconds(5)).until(() -> lastUpdate().contains("Denied by"));
        assertFalse(lastUpdate().contains("lightsail_approve"));
        assertTrue(changingIamActions().isEmpty());
        Slack.send(Slack.command("/lightsail-access", ALICE, "console again")).statusCode(200)
                .body("text", containsString("filed"));
    }

    // ---- IAM in trouble ----------------------------------------------------------------------------------------

    @Test
    void throttlingTwiceThenSuccess() {
        iam.failNext("CreateUser", 2, 400, "Throttling");
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "active");
        assertEquals(3, iamCalls("CreateUser").size(), "two throttled, one through");
        assertEquals(1, iam.users().size());
    }

    @Test
    void aFailureMidWayIsRetriedWithoutASecondUserOrKey() {
        // More 500s than the SDK retries by itself: the job fails this attempt and runs again later.
        iam.failNext("AddUserToGroup", 4, 500, "ServiceFailure");
        long id = file(ALICE, "programmatic x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "active");
        assertEquals(1, iamCalls("CreateUser").size());
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(1, user.keys.size(), "the undelivered key of the first attempt was rotated away");
        assertEquals(2, iamCalls("CreateAccessKey").size());
        assertEquals(1, iamCalls("DeleteAccessKey").size());
        String delivered = user.keys.keySet().iterator().next();
        assertEquals(1, dmsTo(ALICE).size());
        assertTrue(decoded(dmsTo(ALICE).get(0)).contains(delivered));
    }

    @Test
    void aJobLeftBehindByACrashedWorkerIsFinishedWithoutDuplicates() {
        // As if a replica died right after CreateAccessKey: the user exists with an undelivered key and the
        // job is still leased to the dead worker, whose lease has run out.
        long id = file(ALICE, "programmatic crash");
        FakeIam.User user = iam.addUser(ALICE_IAM, "/lightsail/", Map.of("managed-by", "lightsail-access-bot",
                "slack-user-id", ALICE, "request-id", String.valueOf(id)));
        user.keys.put("AKIAORPHAN0000000001", "orphan-secret");
        db.update("update access_request set state = 'provisioning', decided_by = ?, decided_at = now() "
                + "where id = ?", SlackApiResource.ADMIN, id);
        db.update("insert into issued_key (access_key_id, request_id, iam_user_name) values (?, ?, ?)",
                "AKIAORPHAN0000000001", id, ALICE_IAM);
        db.update("insert into job (kind, request_id, subject, attempts, locked_by, locked_until) "
                + "values ('PROVISION', ?, ?, 1, 'dead-worker', now() - interval '1 second')", id, ALICE);

        awaitState(id, "active");
        assertTrue(iamCalls("CreateUser").isEmpty(), "the existing, own user is reused");
        assertEquals(1, user.keys.size());
        assertFalse(user.keys.containsKey("AKIAORPHAN0000000001"), "the key nobody received was deleted");
        assertEquals(1, dmsTo(ALICE).size());
    }

    @Test
    void aFailedGrantShowsRetryAndCancelAndRetryCompletes() {
        iam.failNext("AddUserToGroup", 1, 409, "LimitExceeded");
        long id = file(ALICE, "both x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "failed");
        String failed = lastUpdate();
        assertTrue(failed.contains("lightsail_retry") && failed.contains("lightsail_cancel"), failed);
        assertTrue(failed.contains("LimitExceeded"), failed);
        assertTrue(dmsTo(ALICE).isEmpty());

        Slack.send(click(SlackApiResource.OTHER_ADMIN, "lightsail_retry", id)).statusCode(200);
        awaitState(id, "active");
        assertEquals(1, iam.users().size());
        assertEquals(1, iam.user(ALICE_IAM).keys.size());
        assertEquals(1, dmsTo(ALICE).size());
        assertFalse(lastUpdate().contains("lightsail_retry"));
    }

    @Test
    void cancelAfterFailureTellsTheRequester() {
        iam.failNext("CreateGroup", 1, 409, "LimitExceeded");
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "failed");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_cancel", id)).statusCode(200);
        awaitState(id, "cancelled");
        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(ALICE).size() == 1);
        assertTrue(decoded(dmsTo(ALICE).get(0)).contains("cancelled"));
    }

    @Test
    void whenTheDmCannotBeDeliveredTheKeyAndPasswordAreWithdrawn() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=" + ALICE))
                .willReturn(okJson("{\"ok\":false,\"error\":\"cannot_dm_bot\"}")));
        long id = file(ALICE, "both x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "failed");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertTrue(user.keys.isEmpty(), "no key that nobody holds");
        assertNull(user.password, "no password that nobody holds");
        assertEquals(1, db.count("select count(*) from issued_key where deleted_at is not null"));
        assertTrue(lastUpdate().contains("could not be sent by direct message"));
    }

    @Test
    void aTransientDmFailureWithdrawsAndThenDeliversFreshCredentials() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=" + ALICE))
                .inScenario("dm").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("up"));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=" + ALICE))
                .inScenario("dm").whenScenarioStateIs("up").willReturn(okJson("{\"ok\":true,\"ts\":\"1.2\"}")));
        long id = file(ALICE, "programmatic x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "active");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(1, user.keys.size());
        List<LoggedRequest> dms = dmsTo(ALICE);
        assertEquals(2, dms.size());
        String first = decoded(dms.get(0));
        String second = decoded(dms.get(1));
        String live = user.keys.keySet().iterator().next();
        assertFalse(first.contains(live), "the first, undelivered key is not the live one");
        assertTrue(second.contains(live) && second.contains(user.keys.get(live)));
    }

    @Test
    void anExistingUserTheBotDidNotCreateIsNeverTakenOver() {
        FakeIam.User stranger = iam.addUser(ALICE_IAM, "/", Map.of("team", "finance"));
        long id = file(ALICE, "both x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "failed");
        assertTrue(iamCalls("CreateUser").isEmpty());
        assertTrue(iamCalls("CreateAccessKey").isEmpty());
        assertTrue(iamCalls("CreateLoginProfile").isEmpty());
        assertTrue(iamCalls("TagUser").isEmpty());
        assertNull(stranger.password);
        assertTrue(stranger.keys.isEmpty() && stranger.groups.isEmpty());
        assertEquals(Map.of("team", "finance"), stranger.tags);
        String failure = (String) db.single("select failure_reason from access_request where id = ?", id);
        assertTrue(failure.contains("not created by Lightsail Access"), failure);
        assertTrue(lastUpdate().contains("not created by Lightsail Access"));
    }

    @Test
    void aUserTheBotMadeForSomeoneElseIsNotTakenOverEither() {
        iam.addUser(ALICE_IAM, "/lightsail/", Map.of("managed-by", "lightsail-access-bot",
                "slack-user-id", "U0SOMEONEELSE"));
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "failed");
        assertTrue(iamCalls("CreateLoginProfile").isEmpty());
    }

    @Test
    void statusShowsTheActiveGrantAndARepeatRequestIsRefused() {
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        awaitState(id, "active");
        Slack.send(Slack.command("/lightsail-access", ALICE, "status")).statusCode(200)
                .body("text", containsString(ALICE_IAM))
                .body("text", containsString("You have Lightsail access now"));
        Slack.send(Slack.command("/lightsail-access", ALICE, "console again")).statusCode(200)
                .body("text", containsString("already have Lightsail access"));
    }
}
