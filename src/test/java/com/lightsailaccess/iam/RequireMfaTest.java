package com.lightsailaccess.iam;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.reconcile.Reconciliations;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam.Session;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code LIGHTSAIL_REQUIRE_MFA=console}: the group also holds {@code LightsailRequireMfaPolicy}, and a new console
 * user, judged by every policy it holds, can still sign in for the first time, change the password and set up MFA,
 * but reaches Lightsail in the console only with MFA; an access key is not affected.
 */
@QuarkusTest
@BotTest
@TestProfile(RequireMfaTest.ConsoleMfa.class)
class RequireMfaTest {

    static final String MFA_POLICY = "arn:aws:iam::123456789012:policy/LightsailRequireMfaPolicy";

    public static class ConsoleMfa implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.require-mfa", "console");
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
        SlackApiResource.person("U0BOB", "bob@example.com");
    }

    @Test
    void aNewConsoleUserSetsUpMfaAtTheFirstSignInAndReachesLightsailOnlyWithIt() {
        flow.grant(Flow.ALICE, "console deploy the blog");
        flow.grant("U0BOB", "programmatic deploy the shop");
        assertEquals(Set.of(FirstSignInTest.SEED, "arn:aws:iam::123456789012:policy/LightsailFirstSignInPolicy",
                MFA_POLICY), iam.group(FirstSignInTest.GROUP), "the MFA policy is on the group");
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        FakeIam.User bob = iam.user("bob@example.com");

        GranteeChecks.firstSignInWorksWithMfa(iam, alice);
        GranteeChecks.nothingEscalates(iam, alice, bob, FirstSignInTest.GROUP);
        assertFalse(iam.userMay(alice.name, Session.CONSOLE_WITH_MFA, "iam:EnableMFADevice", bob.arn()),
                "another user's MFA");
        assertTrue(iam.userMay(bob.name, Session.ACCESS_KEY, "lightsail:GetInstances", "*"),
                "a long-term access key is not affected");
        assertEquals(List.of(), iam.denied(), "the bot's own policy allowed every step");
    }

    @Test
    void theCredentialsMessageGivesTheFirstSignInsSteps() {
        flow.grant(Flow.ALICE, "console deploy");
        String dm = Slack.readable(Flow.dmsTo(Flow.ALICE).get(0));
        assertTrue(dm.contains("Choose a new password") && dm.contains("Add an MFA device")
                && dm.contains("sign in again with the MFA code"), dm);
    }

    @Test
    void anMfaPolicyThatNoLongerDeniesWithoutMfaIsNeverAttached() {
        String loosened = ManagedPolicy.requireMfa("LightsailRequireMfaPolicy", "aws", "123456789012", "/lightsail/")
                .document().replace("\"Effect\":\"Deny\"", "\"Effect\":\"Allow\"");
        iam.addPolicy("LightsailRequireMfaPolicy", "/", loosened);
        long id = flow.file(Flow.ALICE, "console x");
        flow.approve(id);
        flow.awaitState(id, "failed");
        assertTrue(Flow.iamCalls("AddUserToGroup").isEmpty() && Flow.iamCalls("AttachGroupPolicy").isEmpty(),
                "nothing attached, nobody added");
        String reason = (String) db.single("select failure_reason from access_request where id = ?", id);
        assertTrue(reason.contains("LightsailRequireMfaPolicy"), reason);
    }

    /**
     * Reconciliation reads each console holder's MFA devices: none after LIGHTSAIL_MFA_GRACE (3d) gets the holder one
     * reminder; status and the admins' Home tab say "no MFA", and "MFA set up" once a device is there.
     */
    @Test
    void aConsoleHolderWithoutMfaAfterTheGraceIsRemindedOnceAndTheAdminsSeeNoMfa() {
        long id = flow.grant(Flow.ALICE, "console deploy");
        Reconciliations.runSoon();
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from credential_health where "
                + "request_id = ? and mfa_present = false", id) == 1);
        assertTrue(reminders().isEmpty(), "within the grace nobody is reminded");

        db.update("update access_request set decided_at = decided_at - interval '4 days' where id = ?", id);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Reconciliations.runSoon();
            return !reminders().isEmpty();
        });
        long runs = Flow.iamCalls("GetGroup").size();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Reconciliations.runSoon();
            return Flow.iamCalls("GetGroup").size() > runs + 2;
        });
        assertEquals(1, reminders().size(), "reminded once");
        Slack.send(Slack.command("/lightsail-access", Flow.ALICE, "status")).statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("no MFA"));
        Slack.send(Slack.command("/lightsail-access", SlackApiResource.ADMIN, "status")).statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("*No MFA* (required in the console): <@"
                        + Flow.ALICE + "> (request #" + id + ")"));
        Slack.send(Slack.command("/lightsail-access", "U0BOB", "status")).statusCode(200)
                .body("text", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("No MFA")));
        FakeSlack.View admin = Flow.openHome(SlackApiResource.ADMIN);
        assertTrue(admin.json().toString().contains("no MFA"), "the admins' Home tab says so");

        iam.user(Flow.ALICE_IAM).mfaDevices.add("arn:aws:iam::123456789012:mfa/alice-phone");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Reconciliations.runSoon();
            return db.count("select count(*) from credential_health where request_id = ? and mfa_present", id) == 1;
        });
        Slack.send(Slack.command("/lightsail-access", Flow.ALICE, "status")).statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("MFA set up"));
        assertEquals(List.of(), iam.denied());
    }

    static List<String> reminders() {
        return Flow.dmsTo(Flow.ALICE).stream().map(Slack::readable).filter(dm -> dm.contains("has no MFA device yet"))
                .toList();
    }
}
