package com.lightsailaccess.decision;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approve → IAM → the one DM; Deny; and every way that can go wrong on the way. IAM is {@link FakeIam}. */
@QuarkusTest
@BotTest
class ApprovalFlowTest {

    static final String ALICE = Flow.ALICE;
    static final String ALICE_IAM = Flow.ALICE_IAM;

    @Inject
    Db db;

    WireMockServer slack;
    FakeIam iam;
    Flow flow;

    @BeforeEach
    void reset() {
        flow = new Flow(db);
        flow.reset();
        slack = SlackApiResource.server();
        iam = IamResource.iam();
        SlackApiResource.person(ALICE, "Alice@Example.com");
    }

    long file(String user, String text) {
        return flow.file(user, text);
    }

    static String click(String user, String actionId, long requestId) {
        return Flow.click(user, actionId, requestId);
    }

    String state(long id) {
        return flow.state(id);
    }

    void awaitState(long id, String state) {
        flow.awaitState(id, state);
    }

    static String decoded(LoggedRequest request) {
        return Slack.readable(request);
    }

    // ---- the happy path --------------------------------------------------------------------------------------

    @Test
    void adminApprovesAndTheBotDoesWhatTheSeedDoesByHand() {
        long id = file(ALICE, "both deploy the blog");
        flow.approve(id);
        awaitState(id, "active");

        assertEquals(List.of("CreatePolicy", "CreatePolicy", "CreateGroup", "AttachGroupPolicy", "AttachGroupPolicy",
                "CreateUser", "CreateLoginProfile", "CreateAccessKey", "AddUserToGroup"), Flow.changingIamActions());

        Map<String, String> policy = Flow.params(Flow.iamCalls("CreatePolicy").get(0));
        assertEquals("LightsailFullAccessPolicy", policy.get("PolicyName"));
        assertTrue(policy.get("PolicyDocument").contains("\"Action\":\"lightsail:*\"")
                && policy.get("PolicyDocument").contains("\"Resource\":\"*\""), policy.get("PolicyDocument"));
        assertEquals("LightsailFullAccessGroup", Flow.params(Flow.iamCalls("CreateGroup").get(0)).get("GroupName"));
        assertEquals("arn:aws:iam::123456789012:policy/LightsailFullAccessPolicy",
                Flow.params(Flow.iamCalls("AttachGroupPolicy").get(0)).get("PolicyArn"));
        assertEquals("arn:aws:iam::123456789012:policy/LightsailFirstSignInPolicy",
                Flow.params(Flow.iamCalls("AttachGroupPolicy").get(1)).get("PolicyArn"));
        Map<String, String> createUser = Flow.params(Flow.iamCalls("CreateUser").get(0));
        assertEquals(ALICE_IAM, createUser.get("UserName"), "lower-cased Slack e-mail");
        assertEquals("/lightsail/", createUser.get("Path"));
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(Map.of("managed-by", "lightsail-access-bot", "slack-user-id", ALICE,
                "request-id", String.valueOf(id)), user.tags);
        assertEquals("true", Flow.params(Flow.iamCalls("CreateLoginProfile").get(0)).get("PasswordResetRequired"));
        assertTrue(user.passwordResetRequired);
        assertEquals(Set.of(), user.attachedPolicies, "the group's first sign-in policy lets the user change it");
        assertEquals(1, user.keys.size());
        assertEquals(Set.of("LightsailFullAccessGroup"), user.groups);

        List<LoggedRequest> dms = Flow.dmsTo(ALICE);
        assertEquals(1, dms.size(), "one direct message");
        String dm = decoded(dms.get(0));
        String keyId = user.keys.keySet().iterator().next();
        assertTrue(dm.contains(user.password), "the DM carries the password");
        assertTrue(dm.contains(keyId) && dm.contains(user.keys.get(keyId)), "the DM carries the access key");
        assertTrue(dm.contains(ALICE_IAM) && dm.contains("https://123456789012.signin.aws.amazon.com/console"), dm);
        assertTrue(dm.contains("only time"), dm);
        String fallback = Flow.params(dms.get(0)).get("text");
        assertFalse(fallback.contains(user.password) || fallback.contains(user.keys.get(keyId)),
                "the notification text never carries a secret");

        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.lastUpdate().contains("credentials sent"));
        String update = Flow.lastUpdate();
        assertTrue(update.contains("Approved by <@" + SlackApiResource.ADMIN + ">"), update);
        assertFalse(update.contains("lightsail_approve") || update.contains("lightsail_deny"), "no buttons left");
        assertEquals(SlackApiResource.ADMIN, db.single("select decided_by from access_request where id = ?", id));
        assertEquals(ALICE_IAM, db.single("select iam_user_name from access_request where id = ?", id));
        assertEquals(1, db.count("select count(*) from issued_key where delivered_at is not null"));
        assertTrue(db.count("select count(*) from audit_event where request_id = ? and action like 'iam:%'", id) >= 5);
    }

    @Test
    void onceThePolicyAndGroupExistTheBotOnlyReadsThem() {
        long first = file(ALICE, "console x");
        flow.approve(first);
        awaitState(first, "active");
        SlackApiResource.person("U0BOB", "bob@example.com");
        IamResource.server().resetRequests();
        long second = file("U0BOB", "console y");
        flow.approve(second);
        awaitState(second, "active");
        assertEquals(List.of("CreateUser", "CreateLoginProfile", "AddUserToGroup"),
                Flow.changingIamActions(), "no CreatePolicy, CreateGroup or AttachGroupPolicy the second time");
    }

    @Test
    void aGroupDeletedSinceTheBotLastSawItIsSetUpAgain() {
        awaitState(approveFirst(), "active");
        iam.removeGroup("LightsailFullAccessGroup");
        SlackApiResource.person("U0BOB", "bob@example.com");
        long second = file("U0BOB", "console y");
        flow.approve(second);
        awaitState(second, "active");
        assertEquals(Set.of("LightsailFullAccessGroup"), iam.user("bob@example.com").groups);
        assertEquals(Set.of("arn:aws:iam::123456789012:policy/LightsailFullAccessPolicy",
                "arn:aws:iam::123456789012:policy/LightsailFirstSignInPolicy"), iam.group("LightsailFullAccessGroup"));
    }

    long approveFirst() {
        long id = file(ALICE, "console x");
        flow.approve(id);
        return id;
    }

    @Test
    void consoleSignInUrlUsesTheAccountAliasAndPasswordMeetsThePolicy() {
        iam.addAlias("acme-prod");
        iam.setPasswordPolicy(Map.of("MinimumPasswordLength", "32", "RequireSymbols", "true",
                "RequireNumbers", "true", "RequireUppercaseCharacters", "true", "RequireLowercaseCharacters", "true"));
        long id = file(ALICE, "console docs");
        flow.approve(id);
        awaitState(id, "active");
        assertTrue(decoded(Flow.dmsTo(ALICE).get(0)).contains("https://acme-prod.signin.aws.amazon.com/console"));
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
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.responsesTo("U0RANDOM").size() == 2);
        assertTrue(Flow.responsesTo("U0RANDOM").get(0).contains("Only Lightsail Access admins"));
        assertEquals("pending", state(id));
        assertTrue(Flow.changingIamActions().isEmpty());
    }

    @Test
    void requesterCannotApproveTheirOwnRequest() {
        SlackApiResource.person(SlackApiResource.ADMIN, "admin@example.com");
        long id = file(SlackApiResource.ADMIN, "console mine");
        flow.approve(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Flow.responsesTo(SlackApiResource.ADMIN).isEmpty());
        assertTrue(Flow.responsesTo(SlackApiResource.ADMIN).get(0).contains("cannot approve your own request"));
        assertEquals("pending", state(id));
        assertTrue(Flow.changingIamActions().isEmpty());
    }

    @Test
    void aButtonNamingAnotherOrNoRequestChangesNothing() {
        long id = file(ALICE, "console x");
        Slack.send(Slack.forgedBlockAction(SlackApiResource.ADMIN, "lightsail_approve", String.valueOf(id + 1000),
                Flow.nextTs())).statusCode(200);
        Slack.send(Slack.forgedBlockAction(SlackApiResource.ADMIN, "lightsail_approve", "1; drop table job", Flow.nextTs()))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.responsesTo(SlackApiResource.ADMIN).size() == 2);
        assertTrue(Flow.responsesTo(SlackApiResource.ADMIN).get(0).contains("no request #" + (id + 1000)));
        assertTrue(Flow.responsesTo(SlackApiResource.ADMIN).get(1).contains("does not name a request"));
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
        assertEquals(1, Flow.iamCalls("CreateUser").size());
        assertEquals(1, Flow.iamCalls("CreateAccessKey").size());
        assertEquals(1, iam.users().size());
        assertEquals(1, iam.user(ALICE_IAM).keys.size());
        assertEquals(1, Flow.dmsTo(ALICE).size());
        assertEquals(1, db.count("select count(*) from job where kind = 'PROVISION'"));
        assertEquals(1, db.count("select count(*) from audit_event where action = 'approved'"));
    }

    @Test
    void theLosingAdminIsToldWhoDecided() {
        long id = file(ALICE, "console x");
        // Both admins have the message in front of them, with both buttons.
        String deny = click(SlackApiResource.ADMIN, "lightsail_deny", id);
        String approve = click(SlackApiResource.OTHER_ADMIN, "lightsail_approve", id);
        Slack.send(deny).statusCode(200);
        Slack.send(approve).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Flow.responsesTo(SlackApiResource.OTHER_ADMIN).isEmpty());
        String told = Flow.responsesTo(SlackApiResource.OTHER_ADMIN).get(0);
        assertTrue(told.contains("already denied") && told.contains(SlackApiResource.ADMIN), told);
        assertEquals("denied", state(id));
    }

    // ---- deny ------------------------------------------------------------------------------------------------

    @Test
    void denyUpdatesTheMessageAndTellsTheRequester() {
        long id = file(ALICE, "console x");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_deny", id)).statusCode(200);
        awaitState(id, "denied");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(ALICE).size() == 1);
        assertTrue(decoded(Flow.dmsTo(ALICE).get(0)).contains("denied by <@" + SlackApiResource.ADMIN + ">"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.lastUpdate().contains("Denied by"));
        assertFalse(Flow.lastUpdate().contains("lightsail_approve"));
        assertTrue(Flow.changingIamActions().isEmpty());
        Slack.send(Slack.command("/lightsail-access", ALICE, "console again")).statusCode(200)
                .body("text", containsString("filed"));
    }

    // ---- IAM in trouble ----------------------------------------------------------------------------------------

    @Test
    void throttlingTwiceThenSuccess() {
        iam.failNext("CreateUser", 2, 400, "Throttling");
        long id = file(ALICE, "console x");
        flow.approve(id);
        awaitState(id, "active");
        assertEquals(3, Flow.iamCalls("CreateUser").size(), "two throttled, one through");
        assertEquals(1, iam.users().size());
    }

    @Test
    void aFailureMidWayIsRetriedWithoutASecondUserOrKey() {
        // More 500s than the SDK retries by itself: the job fails this attempt and runs again later.
        iam.failNext("AddUserToGroup", 4, 500, "ServiceFailure");
        long id = file(ALICE, "programmatic x");
        flow.approve(id);
        awaitState(id, "active");
        assertEquals(1, Flow.iamSucceeded("CreateUser"), "one user; the retry found it and kept it");
        assertEquals(1, iam.users().size());
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(1, user.keys.size(), "the undelivered key of the first attempt was rotated away");
        assertEquals(2, Flow.iamCalls("CreateAccessKey").size());
        assertEquals(1, Flow.iamCalls("DeleteAccessKey").size());
        String delivered = user.keys.keySet().iterator().next();
        assertEquals(1, Flow.dmsTo(ALICE).size());
        assertTrue(decoded(Flow.dmsTo(ALICE).get(0)).contains(delivered));
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
        assertEquals(0, Flow.iamSucceeded("CreateUser"), "the existing, own user is reused");
        assertEquals(List.of(409), Flow.iamAnswers("CreateUser"), "IAM said it exists");
        assertEquals(1, user.keys.size());
        assertFalse(user.keys.containsKey("AKIAORPHAN0000000001"), "the key nobody received was deleted");
        assertEquals(1, Flow.dmsTo(ALICE).size());
    }

    @Test
    void aFailedGrantShowsRetryAndCancelAndRetryCompletes() {
        iam.failNext("AddUserToGroup", 1, 409, "LimitExceeded");
        long id = file(ALICE, "both x");
        flow.approve(id);
        awaitState(id, "failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.lastUpdate().contains("lightsail_retry"));
        String failed = Flow.lastUpdate();
        assertTrue(failed.contains("lightsail_retry") && failed.contains("lightsail_cancel"), failed);
        assertTrue(failed.contains("LimitExceeded"), failed);
        assertTrue(Flow.dmsTo(ALICE).isEmpty());

        Slack.send(click(SlackApiResource.OTHER_ADMIN, "lightsail_retry", id)).statusCode(200);
        awaitState(id, "active");
        assertEquals(1, iam.users().size());
        assertEquals(1, iam.user(ALICE_IAM).keys.size());
        assertEquals(1, Flow.dmsTo(ALICE).size());
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.lastUpdate().contains("credentials sent"));
        assertFalse(Flow.lastUpdate().contains("lightsail_retry"));
    }

    @Test
    void cancelAfterFailureTellsTheRequester() {
        iam.failNext("CreateGroup", 1, 409, "LimitExceeded");
        long id = file(ALICE, "console x");
        flow.approve(id);
        awaitState(id, "failed");
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_cancel", id)).statusCode(200);
        awaitState(id, "cancelled");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(ALICE).size() == 1);
        assertTrue(decoded(Flow.dmsTo(ALICE).get(0)).contains("cancelled"));
    }

    @Test
    void whenTheDmCannotBeDeliveredTheKeyAndPasswordAreWithdrawn() {
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=" + ALICE))
                .willReturn(okJson("{\"ok\":false,\"error\":\"cannot_dm_bot\"}")));
        long id = file(ALICE, "both x");
        flow.approve(id);
        awaitState(id, "failed");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertTrue(user.keys.isEmpty(), "no key that nobody holds");
        assertNull(user.password, "no password that nobody holds");
        assertEquals(1, db.count("select count(*) from issued_key where deleted_at is not null"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.lastUpdate()
                .contains("could not be sent by direct message"));
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
        flow.approve(id);
        awaitState(id, "active");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(1, user.keys.size());
        List<LoggedRequest> dms = Flow.dmsTo(ALICE);
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
        flow.approve(id);
        awaitState(id, "failed");
        // The bot may only change users under its path: it tries to create, IAM says the name is taken, and that
        // user is under "/", so it is not the bot's (its tags are not even read).
        assertEquals(0, Flow.iamSucceeded("CreateUser"));
        assertTrue(Flow.iamCalls("CreateAccessKey").isEmpty());
        assertTrue(Flow.iamCalls("CreateLoginProfile").isEmpty());
        assertTrue(Flow.iamCalls("TagUser").isEmpty());
        assertNull(stranger.password);
        assertTrue(stranger.keys.isEmpty() && stranger.groups.isEmpty());
        assertEquals(Map.of("team", "finance"), stranger.tags);
        String failure = (String) db.single("select failure_reason from access_request where id = ?", id);
        assertTrue(failure.contains("not created by Lightsail Access"), failure);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.lastUpdate()
                .contains("not created by Lightsail Access"));
    }

    @Test
    void aUserTheBotMadeForSomeoneElseIsNotTakenOverEither() {
        iam.addUser(ALICE_IAM, "/lightsail/", Map.of("managed-by", "lightsail-access-bot",
                "slack-user-id", "U0SOMEONEELSE"));
        long id = file(ALICE, "console x");
        flow.approve(id);
        awaitState(id, "failed");
        assertTrue(Flow.iamCalls("CreateLoginProfile").isEmpty());
    }

    // ---- the Lightsail policy must be the seed's -----------------------------------------------------------------

    @Test
    void aLightsailPolicyThatSaysMoreThanTheSeedIsNeverAttachedAndTheAdminsHearWhatDiffers() {
        FakeIam.Policy drifted = iam.addPolicy("LightsailFullAccessPolicy", "/", "{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lightsail:*\",\"Resource\":\"*\"}]}");
        drifted.versions.add("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "[\"lightsail:*\",\"iam:*\"],\"Resource\":\"*\"}]}");
        drifted.defaultVersion = 1;
        long id = file(ALICE, "both x");
        flow.approve(id);
        awaitState(id, "failed");
        assertTrue(Flow.changingIamActions().isEmpty(), "nothing attached, created or added: "
                + Flow.changingIamActions());
        String reason = (String) db.single("select failure_reason from access_request where id = ?", id);
        assertTrue(reason.contains("v2") && reason.contains("iam:*"), reason);
        await().atMost(Duration.ofSeconds(10)).until(() -> flow.approvalMessage(id).blocks().toString()
                .contains("iam:*"));
    }

    @Test
    void aLightsailPolicyUnderAnotherPathIsNeverAttached() {
        iam.addPolicy("LightsailFullAccessPolicy", "/team/", "{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"lightsail:*\",\"Resource\":\"*\"}]}");
        long id = file(ALICE, "console x");
        flow.approve(id);
        awaitState(id, "failed");
        assertTrue(Flow.iamCalls("AttachGroupPolicy").isEmpty());
        assertTrue(Flow.iamCalls("AddUserToGroup").isEmpty());
        String reason = (String) db.single("select failure_reason from access_request where id = ?", id);
        assertTrue(reason.contains("another path"), reason);
    }

    @Test
    void statusShowsTheActiveGrantAndARepeatRequestIsRefused() {
        long id = file(ALICE, "console x");
        flow.approve(id);
        awaitState(id, "active");
        Slack.send(Slack.command("/lightsail-access", ALICE, "status")).statusCode(200)
                .body("text", containsString(ALICE_IAM))
                .body("text", containsString("You have Lightsail access now"));
        Slack.send(Slack.command("/lightsail-access", ALICE, "console again")).statusCode(200)
                .body("text", containsString("already have Lightsail access"));
    }
}
