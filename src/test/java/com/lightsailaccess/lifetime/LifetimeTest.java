package com.lightsailaccess.lifetime;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access with a lifetime, with durations of seconds (as LIGHTSAIL_DURATIONS allows) so that a test can watch a
 * grant end: the duration asked for and shown, the end by itself, the reminder with Extend and Give back, an
 * extension decided like any request, and giving access back.
 */
@QuarkusTest
@BotTest
@TestProfile(LifetimeTest.Seconds.class)
class LifetimeTest {

    public static class Seconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.durations", "4s,12s,1h,permanent", "lightsail.default-duration", "1h",
                    "lightsail.expiry-reminder", "10s");
        }
    }

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

    Instant endOf(long id) {
        Object end = db.single("select ends_at from access_request where id = ?", id);
        return end == null ? null : ((java.sql.Timestamp) end).toInstant();
    }

    FakeSlack.Message dmWithButton(String user, String actionId, long grant) {
        return Flow.messageWithButton(actionId, grant);
    }

    @Test
    void aDurationIsAskedForShownToTheAdminsAndTheEndIsInTheStatus() {
        Slack.send(Slack.command("/lightsail-access", ALICE, "both for 12s staging blog")).statusCode(200)
                .body("text", containsString("filed"));
        assertEquals("staging blog", db.single("select reason from access_request"));
        assertEquals(12L, db.single("select duration_seconds from access_request"));
        long id = (Long) db.single("select id from access_request");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from access_request where approval_ts is not null") == 1);
        assertTrue(flow.approvalMessage(id).blocks().toString().contains("for 12s"), "the admins see how long");
        flow.approve(id);
        flow.awaitState(id, "active");
        Instant end = endOf(id);
        assertNotNull(end);
        Slack.send(Slack.command("/lightsail-access", ALICE, "status")).statusCode(200)
                .body("text", containsString("Ends: <!date^" + end.getEpochSecond()));
    }

    @Test
    void forFollowedByANumberAndAUnitIsAlwaysADurationAndOneNotOfferedIsRefused() {
        for (String notOffered : new String[] {"console for 3w the blog", "console for 7d the blog"}) {
            Slack.send(Slack.command("/lightsail-access", ALICE, notOffered)).statusCode(200)
                    .body("text", containsString("4s, 12s, 1h, permanent"));
        }
        assertEquals(0, db.count("select count(*) from access_request"));
        Slack.send(Slack.command("/lightsail-access", ALICE, "console for the blog")).statusCode(200)
                .body("text", containsString("filed"));
        assertEquals("for the blog", db.single("select reason from access_request"));
        assertEquals(3600L, db.single("select duration_seconds from access_request"), "the default");
    }

    @Test
    void theFormOffersTheDurations() {
        Slack.send(Slack.command("/lightsail-access", ALICE, "", "trigger-duration-form")).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                SlackApiResource.fake().viewOpenedWith("trigger-duration-form").isPresent());
        FakeSlack.View form = SlackApiResource.fake().viewOpenedWith("trigger-duration-form").orElseThrow();
        Slack.send(Slack.submit(ALICE, form, Map.of("duration_input", "permanent", "reason_input", "for good")))
                .statusCode(200).body("response_action", equalTo("update"));
        assertEquals(null, db.single("select duration_seconds from access_request"), "permanent has no end");
    }

    @Test
    void aShortGrantEndsByItselfAndEveryoneHearsOfIt() {
        long id = flow.file(ALICE, "console for 4s quick look");
        flow.approve(id);
        flow.awaitState(id, "active");
        assertEquals(Set.of("LightsailFullAccessGroup"), iam.user(ALICE_IAM).groups);
        await().atMost(Duration.ofSeconds(20)).until(() -> "revoked".equals(flow.state(id)));
        assertEquals("expired", db.single("select ended_how from access_request where id = ?", id));
        assertTrue(iam.user(ALICE_IAM).groups.isEmpty(), "out of the group");
        assertNotNull(iam.user(ALICE_IAM), "the user stays until an admin deletes it");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(ALICE).stream()
                .anyMatch(dm -> Slack.readable(dm).contains("has ended")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("ended: its time was up")));
        await().atMost(Duration.ofSeconds(10)).until(() -> flow.approvalMessage(id).blocks().toString()
                .contains("Access ended"));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = 'revoked'",
                id), "expired once");
    }

    @Test
    void theReminderOffersExtendAndAnApprovedExtensionMovesTheEndWithoutNewCredentials() {
        long id = flow.file(ALICE, "programmatic for 12s migrating");
        flow.approve(id);
        flow.awaitState(id, "active");
        Instant firstEnd = endOf(id);
        // Ten seconds before the end, one DM with Extend and Give back.
        String extend = Flow.click(ALICE, "lightsail_extend", id);
        Slack.send(extend).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> SlackApiResource.fake().views().stream()
                .anyMatch(v -> v.json().get("callback_id").getAsString().equals("lightsail_extend_modal")));
        FakeSlack.View form = SlackApiResource.fake().views().stream()
                .filter(v -> v.json().get("callback_id").getAsString().equals("lightsail_extend_modal"))
                .findFirst().orElseThrow();
        Slack.send(Slack.submit(ALICE, form, Map.of("duration_input", "1h", "reason_input", "not done yet")))
                .statusCode(200).body("response_action", equalTo("update"));
        long extension = (Long) db.single("select id from access_request where kind = 'extension'");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from access_request where id = ? and approval_ts is not null", extension) == 1);
        assertTrue(flow.approvalMessage(extension).blocks().toString().contains("extend grant #" + id));
        flow.approve(extension);
        await().atMost(Duration.ofSeconds(10)).until(() -> endOf(id).isAfter(firstEnd.plusSeconds(3000)));
        assertEquals(1, Flow.iamCalls("CreateAccessKey").size(), "no new credentials");
        // The first end passes: the grant stays.
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30)).until(() ->
                Instant.now().isAfter(firstEnd.plusSeconds(2)));
        assertEquals("active", flow.state(id));
        assertEquals(Set.of("LightsailFullAccessGroup"), iam.user(ALICE_IAM).groups);
    }

    @Test
    void aDeniedExtensionLeavesTheEndAsItWas() {
        long id = flow.file(ALICE, "console for 12s migrating");
        flow.approve(id);
        flow.awaitState(id, "active");
        Instant end = endOf(id);
        Slack.send(Flow.click(ALICE, "lightsail_extend", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> SlackApiResource.fake().views().stream()
                .anyMatch(v -> v.json().get("callback_id").getAsString().equals("lightsail_extend_modal")));
        FakeSlack.View form = SlackApiResource.fake().views().stream()
                .filter(v -> v.json().get("callback_id").getAsString().equals("lightsail_extend_modal"))
                .findFirst().orElseThrow();
        Slack.send(Slack.submit(ALICE, form, Map.of("reason_input", "more please"))).statusCode(200);
        long extension = (Long) db.single("select id from access_request where kind = 'extension'");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_deny", extension)).statusCode(200);
        flow.awaitState(extension, "denied");
        assertEquals(end, endOf(id));
        await().atMost(Duration.ofSeconds(25)).until(() -> "revoked".equals(flow.state(id)));
    }

    @Test
    void anExtensionAppliedAfterTheExpiryWasQueuedWinsAndNobodyHearsExpired() {
        long id = flow.grant(ALICE, "console for 1h migrating");
        // The end came, and its removal was queued; then an extension, decided meanwhile, moved the end (one
        // person's jobs run in order: the extension first) before the removal ran.
        db.update("update access_request set ends_at = now() + interval '1 hour' where id = ?", id);
        db.update("insert into job (kind, request_id, subject, payload, dedup_key, run_after) values ('REVOKE', ?, ?, "
                + "'{\"mode\":\"REMOVE\",\"actor\":\"expiry\",\"why\":\"EXPIRED\"}', ?, now())", id, ALICE,
                "revoke:" + id + ":remove");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from job where kind = 'REVOKE' "
                + "and finished_at is not null") == 1);
        assertEquals("active", flow.state(id));
        assertTrue(iam.user(ALICE_IAM).groups.contains("LightsailFullAccessGroup"));
        assertTrue(Flow.iamCalls("RemoveUserFromGroup").isEmpty());
        assertTrue(Flow.dmsTo(ALICE).stream().noneMatch(m -> Slack.readable(m).contains("has ended")));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? "
                + "and action = 'expiry superseded'", id));
    }

    @Test
    void anExtensionIsNeverRetriedIntoCredentials() {
        long id = flow.file(ALICE, "console for 12s migrating");
        flow.approve(id);
        flow.awaitState(id, "active");
        Slack.send(Flow.click(ALICE, "lightsail_extend", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> SlackApiResource.fake().views().stream()
                .anyMatch(v -> v.json().get("callback_id").getAsString().equals("lightsail_extend_modal")));
        FakeSlack.View form = SlackApiResource.fake().views().stream()
                .filter(v -> v.json().get("callback_id").getAsString().equals("lightsail_extend_modal"))
                .findFirst().orElseThrow();
        Slack.send(Slack.submit(ALICE, form, Map.of("reason_input", "more please"))).statusCode(200);
        long extension = (Long) db.single("select id from access_request where kind = 'extension'");
        // The bot is done with the new extension once its approval message is recorded: a hand edit before that
        // would race the job that records it (and writes the row back as it read it).
        await().atMost(Duration.ofSeconds(5)).until(() -> db.single(
                "select approval_ts from access_request where id = ?", extension) != null);
        // Whatever left an extension failed (a version that did so, a hand edit), Retry does not provision it.
        db.update("update access_request set state = 'failed', version = version + 1 where id = ?", extension);
        Slack.send(Slack.forgedBlockAction(SlackApiResource.ADMIN, "lightsail_retry", String.valueOf(extension),
                Flow.nextTs())).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !Flow.responsesTo(SlackApiResource.ADMIN).isEmpty());
        assertEquals("failed", flow.state(extension));
        assertEquals(0, db.count("select count(*) from job where kind = 'PROVISION' and request_id = ?", extension));
        assertEquals(1, Flow.iamCalls("CreateLoginProfile").size(), "the grant's own password only");
    }

    @Test
    void someoneElsesClickOnExtendOrGiveBackChangesNothing() {
        long id = flow.file(ALICE, "console for 12s migrating");
        flow.approve(id);
        flow.awaitState(id, "active");
        Slack.send(Flow.click("U0MALLORY", "lightsail_give_back", id)).statusCode(200);
        Slack.send(Flow.click("U0MALLORY", "lightsail_extend", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.responsesTo("U0MALLORY").size() == 2);
        assertTrue(Flow.responsesTo("U0MALLORY").stream().allMatch(r -> r.contains("not your access")));
        assertEquals("active", flow.state(id));
        assertTrue(SlackApiResource.fake().views().isEmpty(), "no form was opened");
    }

    @Test
    void givingAccessBackEndsItAtOnceAsAnExpiryDoes() {
        long id = flow.grant(ALICE, "console for 1h migrating");
        Slack.send(Slack.command("/lightsail-access", ALICE, "done")).statusCode(200)
                .body("text", containsString("given back"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "revoked".equals(flow.state(id)));
        assertEquals("given back", db.single("select ended_how from access_request where id = ?", id));
        assertTrue(iam.user(ALICE_IAM).groups.isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("it was given back")));
        Slack.send(Slack.command("/lightsail-access", ALICE, "done")).statusCode(200)
                .body("text", containsString("no Lightsail access to give back"));
    }

    @Test
    void aGrantThatEndsWhileItIsStillBeingProvisionedEndsRightAfter() {
        // IAM keeps failing AddUserToGroup past the grant's end: the provisioning job retries with backoff.
        iam.failNext("AddUserToGroup", 20, 500, "ServiceFailure");
        long id = flow.file(ALICE, "console for 4s quick");
        flow.approve(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> "revoked".equals(flow.state(id)));
        assertEquals("expired", db.single("select ended_how from access_request where id = ?", id));
        assertTrue(iam.user(ALICE_IAM).groups.isEmpty(), "it ended right after it began");
        long ended = db.count("select min(id) from audit_event where request_id = ? and action = 'revocation "
                + "requested'", id);
        long active = db.count("select min(id) from audit_event where request_id = ? and action = 'active'", id);
        assertTrue(ended < active, "the end came while it was still being provisioned");
    }
}
