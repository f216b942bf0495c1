package com.lightsailaccess.credentials;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.reconcile.Reconciliations;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamPolicyEvaluator;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access keys rotated with an overlap ({@code LIGHTSAIL_KEY_ROTATION_OVERLAP}, 8 s here so that the timers run
 * during the test): both keys work through the overlap, then only the new one, then the old one is deleted; Retire
 * the old key and Reactivate; never a third key; one rotation at a time; a deletion in the middle removes both; with
 * {@code LIGHTSAIL_KEY_ROTATION_ENFORCE=true}, a key past its age and the overlap is made inactive.
 */
@QuarkusTest
@BotTest
@TestProfile(KeyRotationTest.ShortOverlap.class)
class KeyRotationTest {

    static final Duration OVERLAP = Duration.ofSeconds(8);

    public static class ShortOverlap implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.key-rotation-overlap", "8s", "lightsail.key-rotation-enforce", "true");
        }
    }

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
    }

    static ValidatableResponse rotateKey(String user) {
        return Slack.send(Slack.command("/lightsail-access", user, "rotate-key")).statusCode(200);
    }

    static List<String> dms(String user, String containing) {
        return Flow.dmsTo(user).stream().map(Slack::readable).filter(dm -> dm.contains(containing)).toList();
    }

    /** Alice's programmatic grant; returns her one key's id. */
    String granted() {
        flow.grant(Flow.ALICE, "programmatic deploys");
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        assertEquals(1, alice.keys.size());
        return alice.keys.keySet().iterator().next();
    }

    /** Rotates Alice's key and waits for the new one's DM; returns the new key's id. */
    String rotated(String old) {
        rotateKey(Flow.ALICE).body("text", containsString("A new access key is on its way"));
        await().atMost(Duration.ofSeconds(15)).until(() -> dms(Flow.ALICE, "Your new access key").size() == 1);
        List<String> keys = new ArrayList<>(iam.user(Flow.ALICE_IAM).keys.keySet());
        keys.remove(old);
        assertEquals(1, keys.size(), "one new key beside the old one");
        return keys.get(0);
    }

    @Test
    void bothKeysWorkThroughTheOverlapThenOnlyTheNewOneAndTheOldOneIsDeleted() {
        String old = granted();
        iam.user(Flow.ALICE_IAM).keyLastUsed.put(old, Instant.parse("2026-12-01T10:00:00Z"));
        Instant asked = Instant.now();
        String fresh = rotated(old);
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        String dm = dms(Flow.ALICE, "Your new access key").get(0);
        assertTrue(dm.contains(fresh) && dm.contains(alice.keys.get(fresh)), "the new key and its secret, once");
        assertFalse(dm.contains(alice.keys.get(old)), dm);
        assertTrue(iam.keyWorks(old) && iam.keyWorks(fresh), "both keys work during the overlap");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("rotated the access key of IAM user `" + Flow.ALICE_IAM + "`")));
        FakeSlack.Message overlap = Flow.messageWithButton(Ids.RETIRE_OLD_KEY, id());
        assertTrue(overlap.blocks().toString().contains(old) && overlap.blocks().toString().contains(fresh),
                "the message without a secret names both keys");
        assertFalse(overlap.blocks().toString().contains(alice.keys.get(fresh)), "and holds no secret");

        // The overlap ends: the old key stops working, and the holder hears when it was last used.
        await().atMost(Duration.ofSeconds(20)).until(() -> !iam.keyWorks(old));
        assertTrue(Duration.between(asked, Instant.now()).compareTo(OVERLAP) >= 0, "not before the overlap's end");
        assertTrue(alice.keys.containsKey(old), "inactive, not deleted yet");
        assertTrue(iam.keyWorks(fresh));
        await().atMost(Duration.ofSeconds(10)).until(() -> !dms(Flow.ALICE, "is inactive now").isEmpty());
        String retired = dms(Flow.ALICE, "is inactive now").get(0);
        assertTrue(retired.contains("last used <!date^" + Instant.parse("2026-12-01T10:00:00Z").getEpochSecond())
                && retired.contains("(lightsail, us-east-1)"), retired);

        // An overlap later it is deleted.
        await().atMost(Duration.ofSeconds(20)).until(() -> !alice.keys.containsKey(old));
        assertTrue(iam.keyWorks(fresh), "the new key stays");
        await().atMost(Duration.ofSeconds(10)).until(() -> !dms(Flow.ALICE, "was deleted").isEmpty());
        assertEquals(List.of("key rotation asked", "access key rotated", "old access key deactivated",
                "old access key deleted"), db.rows("select action from audit_event where request_id = ? and action "
                        + "in ('key rotation asked', 'access key rotated', 'old access key deactivated', "
                        + "'old access key deleted') order by id", id()).stream().map(r -> (String) r.get(0)).toList());
        assertEquals(List.of(), iam.denied(), "the bot's own policy allowed every step");
    }

    long id() {
        return db.count("select max(id) from access_request where requester_id = ?", Flow.ALICE);
    }

    @Test
    void retireTheOldKeyEndsTheOverlapAtOnceAndReactivateBringsItBack() {
        String old = granted();
        String fresh = rotated(old);
        Instant rotatedAt = Instant.now();
        Slack.send(Flow.click(Flow.ALICE, Ids.RETIRE_OLD_KEY, id())).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !iam.keyWorks(old));
        assertTrue(Duration.between(rotatedAt, Instant.now()).compareTo(OVERLAP) < 0, "before the overlap's end");
        assertTrue(iam.keyWorks(fresh));

        // Someone else's clicks on Alice's buttons change nothing.
        SlackApiResource.person("U0BOB", "bob@example.com");
        Slack.send(Slack.forgedBlockAction("U0BOB", Ids.REACTIVATE_KEY, String.valueOf(id()), Flow.nextTs()))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo("U0BOB").stream()
                .anyMatch(answer -> answer.contains("is not your access")));
        assertFalse(iam.keyWorks(old), "not reactivated by someone else");

        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.messageWithButtonNow(Ids.REACTIVATE_KEY, id())
                != null);
        Slack.send(Flow.click(Flow.ALICE, Ids.REACTIVATE_KEY, id())).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> iam.keyWorks(old));
        // The deletion set at the deactivation comes and does nothing: the key was reactivated.
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from job where kind = 'OLD_KEY' "
                + "and payload like '%DELETE%' and finished_at is not null") == 1);
        assertTrue(iam.user(Flow.ALICE_IAM).keys.containsKey(old), "reactivated, so not deleted");
        assertEquals(1, db.count("select count(*) from audit_event where action = 'old access key reactivated'"));
    }

    @Test
    void aRotationThatWouldNeedAThirdKeyIsRefusedWithTheReason() {
        String old = granted();
        iam.user(Flow.ALICE_IAM).keys.put("AKIAMADEBYHAND000001", "not-ours");
        rotateKey(Flow.ALICE);
        await().atMost(Duration.ofSeconds(15)).until(() -> !dms(Flow.ALICE, "IAM allows two").isEmpty());
        assertEquals(2, iam.user(Flow.ALICE_IAM).keys.size(), "no third key");
        assertEquals(1, Flow.iamCalls("CreateAccessKey").size(), "only the grant's");
        assertTrue(iam.keyWorks(old));
    }

    @Test
    void oneRotationAtATimeAndOnlyForAHolderWithAnAccessKey() {
        String old = granted();
        rotated(old);
        rotateKey(Flow.ALICE).body("text", containsString("A rotation is under way"));
        Slack.send(Slack.command("/lightsail-access", Flow.ALICE, "status")).statusCode(200)
                .body("text", containsString("rotation under way: the old key `" + old + "` still works"));
        assertEquals(2, Flow.iamCalls("CreateAccessKey").size());

        SlackApiResource.person("U0BOB", "bob@example.com");
        flow.grant("U0BOB", "console the blog");
        rotateKey("U0BOB").body("text", containsString("console only: it has no access key to rotate"));
        rotateKey("U0NOBODY").body("text", containsString("You have no active Lightsail access"));
        assertEquals(2, Flow.iamCalls("CreateAccessKey").size(), "nothing more was made");
    }

    @Test
    void deletingTheUserInTheMiddleOfARotationRemovesBothKeysAndTheTimersFindNothingToDo() {
        String old = granted();
        String fresh = rotated(old);
        long id = id();
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, Flow.ALICE_IAM + " delete"))
                .statusCode(200);
        flow.awaitState(id, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> iam.user(Flow.ALICE_IAM) == null);
        assertFalse(iam.keyWorks(old) || iam.keyWorks(fresh), "both keys are gone");
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from job where kind = 'OLD_KEY' "
                + "and finished_at is null") == 0);
        assertEquals(0, db.count("select count(*) from job where kind = 'OLD_KEY' and outcome <> 'done'"));
        assertNull(db.single("select max(id) from audit_event where action like 'old access key %'"),
                "no step on a key that is gone");
        assertEquals(List.of(), iam.denied());
    }

    @Test
    void withEnforcementAKeyPastItsAgeAndTheOverlapIsMadeInactiveAndEveryoneIsTold() {
        String key = granted();
        db.update("update issued_key set created_at = now() - interval '120 days' where access_key_id = ?", key);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            // Reconciliation looks at every grant's key.
            Reconciliations.runSoon();
            return !iam.keyWorks(key);
        });
        assertTrue(iam.user(Flow.ALICE_IAM).keys.containsKey(key), "inactive, not deleted");
        await().atMost(Duration.ofSeconds(10)).until(() -> !dms(Flow.ALICE, "was made inactive").isEmpty()
                && Flow.approvalChannelPosts().stream().anyMatch(p -> p.contains("It was made inactive.")));
        assertEquals(1, dms(Flow.ALICE, "is 120 days old (keys are rotated every 90d here)").size(),
                "the reminder came first, once");
        assertEquals(1, db.count("select count(*) from audit_event where action = 'overdue access key deactivated'"));

        // A rotation after it: the new key works at once, and the inactive one is deleted an overlap later.
        String fresh = rotated(key);
        assertTrue(iam.keyWorks(fresh) && !iam.keyWorks(key));
        assertTrue(dms(Flow.ALICE, "Your new access key").get(0).contains("was inactive already"));
        await().atMost(Duration.ofSeconds(25)).until(() -> !iam.user(Flow.ALICE_IAM).keys.containsKey(key));
        assertTrue(iam.keyWorks(fresh));
        rotateKey(Flow.ALICE).body("text", containsString("A new access key is on its way"));
    }

    @Test
    void someoneElsesRetireClickChangesNothing() {
        String old = granted();
        rotated(old);
        SlackApiResource.person("U0BOB", "bob@example.com");
        Slack.send(Slack.forgedBlockAction("U0BOB", Ids.RETIRE_OLD_KEY, String.valueOf(id()), Flow.nextTs()))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo("U0BOB").stream()
                .anyMatch(answer -> answer.contains("is not your access")));
        assertTrue(iam.keyWorks(old), "the old key still works");
        assertEquals(0, db.count("select count(*) from audit_event where action like 'old access key%'"));
    }

    /** Without iam:UpdateAccessKey (a bot policy not upgraded), Retire fails for good: the holder is told. */
    @Test
    void aStepOnTheOldKeyThatIamRefusesIsToldAndTheKeyStaysAsItWas() throws Exception {
        String old = granted();
        rotated(old);
        String shipped = Files.readString(IamPolicyEvaluator.BOT_POLICY);
        String withoutUpdateAccessKey = shipped.replaceAll("\"iam:UpdateAccessKey\",\\s*", "");
        assertNotEquals(shipped, withoutUpdateAccessKey, "the action was taken out");
        iam.setBotPolicy(IamPolicyEvaluator.parse(withoutUpdateAccessKey));
        Slack.send(Flow.click(Flow.ALICE, Ids.RETIRE_OLD_KEY, id())).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !dms(Flow.ALICE, "could not be made inactive").isEmpty());
        assertTrue(dms(Flow.ALICE, "could not be made inactive").get(0).contains("AccessDenied"));
        assertTrue(iam.keyWorks(old), "the key stays as it was");
        assertEquals(1, db.count("select count(*) from audit_event where action = 'old access key step failed'"));
    }
}
