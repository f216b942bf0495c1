package com.lightsailaccess.jobs;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
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

/**
 * No decision undone, no credential left behind: two admins acting within seconds of each other, an IAM call
 * failing at the wrong step, a click on a message that is out of date.
 */
@QuarkusTest
@BotTest
class RacesTest {

    static final String ALICE = Flow.ALICE;
    static final String ALICE_IAM = Flow.ALICE_IAM;

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
    }

    static ValidatableResponse revoke(String text) {
        return Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, text)).statusCode(200);
    }

    /** A grant that failed (IAM refused AddUserToGroup for good), with Retry and Cancel on its message. */
    long failedGrant(String text) {
        iam.failNext("AddUserToGroup", 1, 409, "LimitExceeded");
        long id = flow.file(ALICE, text);
        flow.approve(id);
        flow.awaitState(id, "failed");
        return id;
    }

    @Test
    void aRetryClickedWhileARevocationIsUnderWayIsRefusedAndTheRevocationWins() {
        long id = failedGrant("both x");
        String retry = Flow.click(SlackApiResource.OTHER_ADMIN, "lightsail_retry", id);
        // The deletion is under way (its first attempt met IAM errors and waits to try again) when the other admin
        // clicks the Retry still showing on the message.
        iam.failNext("GetUser", 4, 500, "ServiceFailure");
        revoke("<@" + ALICE + "> delete").body("text", containsString("Deleting the IAM user"));
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from job where kind = 'REVOKE' "
                + "and attempts = 1 and locked_by is null and finished_at is null") == 1);
        Slack.send(retry).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Flow.responsesTo(SlackApiResource.OTHER_ADMIN).isEmpty());
        assertTrue(Flow.responsesTo(SlackApiResource.OTHER_ADMIN).get(0).contains("revocation"),
                Flow.responsesTo(SlackApiResource.OTHER_ADMIN).toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> iam.user(ALICE_IAM) == null);
        flow.awaitState(id, "cancelled");
        assertEquals(1, Flow.iamSucceeded("CreateUser"), "the user was not made again");
        assertEquals(0, Flow.dmsTo(ALICE).size(), "no credentials were sent");
        // The record agrees with IAM: a later revocation says the user is deleted, not that there is access.
        revoke("<@" + ALICE + "> delete").body("text", containsString("already deleted"));
    }

    @Test
    void aRevokeAndARetryInTheSameInstantEndWithTheUserGoneAndNobodyToldToTryAgain() throws Exception {
        long id = failedGrant("programmatic x");
        String retry = Flow.click(SlackApiResource.OTHER_ADMIN, "lightsail_retry", id);
        String deletion = Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + ALICE + "> delete");
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> answers = pool.invokeAll(List.<Callable<String>>of(
                    () -> {
                        together.await();
                        return Slack.send(retry).extract().asString();
                    },
                    () -> {
                        together.await();
                        return Slack.send(deletion).extract().asString();
                    }));
            for (Future<String> answer : answers) {
                assertFalse(answer.get().contains("temporarily unavailable"), answer.get());
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !Flow.responsesTo(SlackApiResource.OTHER_ADMIN).isEmpty()
                || Set.of("provisioning", "active").contains(flow.state(id)) || iam.user(ALICE_IAM) == null);
        // Whichever came first, the deletion is done last: nobody keeps access the bot would refuse to remove.
        await().atMost(Duration.ofSeconds(30)).until(() -> iam.user(ALICE_IAM) == null
                && Set.of("revoked", "cancelled").contains(flow.state(id)));
        assertTrue(Flow.responsesTo(SlackApiResource.OTHER_ADMIN).stream()
                .noneMatch(r -> r.contains("temporarily unavailable")));
    }

    @Test
    void cancellingAFailedGrantWithdrawsWhatAnEarlierAttemptLeftBehind() {
        // The grant fails after its credentials were made, and taking them back fails too (IAM is down for that).
        iam.failNext("ListAccountAliases", 1, 409, "LimitExceeded");
        iam.failNext("DeleteAccessKey", 4, 500, "ServiceFailure");
        long id = flow.file(ALICE, "both x");
        flow.approve(id);
        flow.awaitState(id, "failed");
        assertEquals(1, iam.user(ALICE_IAM).keys.size(), "the withdrawal failed: the key is still there");
        assertTrue(((String) db.single("select failure_reason from access_request where id = ?", id))
                .contains("could not be withdrawn"));

        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_cancel", id)).statusCode(200);
        flow.awaitState(id, "cancelled");
        await().atMost(Duration.ofSeconds(15)).until(() -> iam.user(ALICE_IAM).keys.isEmpty()
                && iam.user(ALICE_IAM).password == null && iam.user(ALICE_IAM).groups.isEmpty());
    }

    @Test
    void aDeleteButtonFromAnOlderGrantDoesNotTouchTheLaterGrantsUser() {
        long first = flow.grant(ALICE, "console x");
        // Alice's account is deactivated: access removed, and a notice with "Delete IAM user" for grant #first.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info")).withRequestBody(containing("user="
                + ALICE)).willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\"" + ALICE + "\",\"team_id\":\"T0TEAM\","
                + "\"deleted\":true}}")));
        Slack.send(Slack.event("Ev0BYE", Map.of("type", "user_change", "user", Map.of("id", ALICE,
                "deleted", true)))).statusCode(200);
        flow.awaitState(first, "revoked");
        String staleDelete = Flow.click(SlackApiResource.ADMIN, "lightsail_delete_user", first);
        // She comes back and is granted again, on the same IAM user.
        SlackApiResource.person(ALICE, ALICE_IAM);
        long second = flow.grant(ALICE, "console back");
        assertEquals(String.valueOf(second), iam.user(ALICE_IAM).tags.get("request-id"));

        Slack.send(staleDelete).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Flow.responsesTo(SlackApiResource.ADMIN).isEmpty());
        assertTrue(Flow.responsesTo(SlackApiResource.ADMIN).get(0).contains("out of date"),
                Flow.responsesTo(SlackApiResource.ADMIN).toString());
        assertNotNull(iam.user(ALICE_IAM), "the later grant's user is untouched");
        assertEquals(Set.of("LightsailFullAccessGroup"), iam.user(ALICE_IAM).groups);
        assertEquals("active", flow.state(second));
        assertTrue(Flow.iamCalls("DeleteUser").isEmpty());
    }

    @Test
    void theIamUserNameIsFixedByTheFirstAttempt() {
        long id = failedGrant("console x");
        SlackApiResource.person(ALICE, "alice.renamed@example.com");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_retry", id)).statusCode(200);
        flow.awaitState(id, "active");
        assertEquals(Set.of(ALICE_IAM), iam.users().keySet(), "one IAM user, the first attempt's");
        assertEquals(ALICE_IAM, db.single("select iam_user_name from access_request where id = ?", id));
    }

    @Test
    void aModalSubmittedAgainAfterAnErrorIsFiled() {
        Slack.send(Slack.command("/lightsail-access", ALICE, "", "trigger-modal-fix")).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                SlackApiResource.fake().viewOpenedWith("trigger-modal-fix").isPresent());
        FakeSlack.View modal = SlackApiResource.fake().viewOpenedWith("trigger-modal-fix").orElseThrow();
        Slack.send(Slack.submit(ALICE, modal, Map.of("reason_input", " "))).statusCode(200)
                .body("response_action", org.hamcrest.Matchers.equalTo("errors"));
        // The same view (same id and hash: an error does not change it), now with a reason.
        Slack.send(Slack.submit(ALICE, modal, Map.of("reason_input", "deploying the blog"))).statusCode(200)
                .body("response_action", org.hamcrest.Matchers.equalTo("update"));
        assertEquals("deploying the blog", db.single("select reason from access_request"));
    }

    @Test
    void aRunAfterCrashesFindsNoKeyToPileOnAndEndsWithOne() {
        // Two runs of this grant died after CreateAccessKey and before writing anything down: the user holds two
        // keys the bot has no record of, and IAM allows only two.
        long id = flow.file(ALICE, "programmatic crashes");
        FakeIam.User user = iam.addUser(ALICE_IAM, "/lightsail/", Map.of("managed-by", "lightsail-access-bot",
                "slack-user-id", ALICE, "request-id", String.valueOf(id)));
        user.keys.put("AKIALOST000000000001", "lost-secret-1");
        user.keys.put("AKIALOST000000000002", "lost-secret-2");
        db.update("update access_request set state = 'provisioning', decided_by = ?, decided_at = now(), "
                + "iam_user_name = ? where id = ?", SlackApiResource.ADMIN, ALICE_IAM, id);
        db.update("insert into job (kind, request_id, subject, attempts, locked_by, locked_until) "
                + "values ('PROVISION', ?, ?, 2, 'dead-worker', now() - interval '1 second')", id, ALICE);
        flow.awaitState(id, "active");
        assertEquals(1, user.keys.size(), "one key: the one delivered");
        assertFalse(user.keys.containsKey("AKIALOST000000000001") || user.keys.containsKey("AKIALOST000000000002"));
        assertEquals(1, Flow.dmsTo(ALICE).size());
    }

    @Test
    void aDeleteAskedForWhileARemovalRunsIsQueuedBehindItAndDone() {
        long id = flow.grant(ALICE, "console x");
        iam.delayNext("RemoveUserFromGroup", 1, 2000);
        revoke("<@" + ALICE + ">").body("text", containsString("Removing Lightsail access"));
        revoke("<@" + ALICE + "> delete").body("text", containsString("right after the removal"));
        await().atMost(Duration.ofSeconds(20)).until(() -> iam.user(ALICE_IAM) == null);
        flow.awaitState(id, "revoked");
        assertNotNull(db.single("select iam_user_deleted_at from access_request where id = ?", id));
    }

    @Test
    void revokingByMentionFindsAnEarlierGrantWhenTheLatestRequestWasDenied() {
        long first = flow.grant(ALICE, "programmatic x");
        revoke("<@" + ALICE + ">");
        flow.awaitState(first, "revoked");
        long second = flow.file(ALICE, "console again");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_deny", second)).statusCode(200);
        flow.awaitState(second, "denied");
        assertEquals(1, iam.user(ALICE_IAM).keys.size(), "the earlier grant's key is still valid");

        revoke("<@" + ALICE + "> delete").body("text", containsString("Deleting the IAM user"));
        await().atMost(Duration.ofSeconds(15)).until(() -> iam.user(ALICE_IAM) == null);
    }

    @Test
    void aRevokeBetweenTheApprovalAndTheProvisioningTakesAwayWhatTheProvisioningMakes() {
        long id = flow.file(ALICE, "console x");
        // The provisioning's first look-up answers 3 s late: the grant is approved and has no IAM user yet.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + ALICE)).atPriority(1).willReturn(okJson(
                        "{\"ok\":true,\"user\":{\"id\":\"" + ALICE + "\",\"team_id\":\"T0TEAM\",\"name\":\"p\","
                                + "\"deleted\":false,\"profile\":{\"email\":\"" + ALICE_IAM + "\"}}}")
                        .withFixedDelay(3000)));
        flow.approve(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> Set.of("approved", "provisioning").contains(flow.state(id)));
        assertNull(db.single("select iam_user_name from access_request where id = ?", id));
        revoke("<@" + ALICE + ">").body("text", containsString("Removing Lightsail access of <@" + ALICE + ">"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "revoked".equals(flow.state(id)));
        assertTrue(iam.user(ALICE_IAM).groups.isEmpty(), "out of the group the provisioning put the user in");
    }

    @Test
    void someoneWithNoAccessIsNamedAsAMention() {
        revoke("<@U0NOBODY|nobody>").body("text", containsString("<@U0NOBODY> has no access"));
    }
}
