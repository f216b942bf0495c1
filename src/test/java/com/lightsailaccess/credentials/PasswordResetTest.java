package com.lightsailaccess.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /lightsail-access reset-password} and the Home tab's Reset console password: a holder with console access
 * gets one new password (that must be changed at the next sign-in) by direct message, the old one stops working,
 * the approval channel hears that it happened and never what it is; everyone else is told why and nothing changes.
 */
@QuarkusTest
@BotTest
@TestProfile(PasswordResetTest.ShortCooldown.class)
class PasswordResetTest {

    /** A cooldown a test can wait out. */
    public static class ShortCooldown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.reset-cooldown", "3s");
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

    static io.restassured.response.ValidatableResponse resetPassword(String user) {
        return Slack.send(Slack.command("/lightsail-access", user, "reset-password")).statusCode(200);
    }

    static List<String> newPasswordDms(String user) {
        return Flow.dmsTo(user).stream().map(Slack::readable).filter(dm -> dm.contains("Your new console password"))
                .toList();
    }

    @Test
    void aHolderGetsOneNewPasswordTheOldOneStopsWorkingAndTheAdminsHearOnlyThatItHappened() {
        long id = flow.grant(Flow.ALICE, "console deploy the blog");
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        String old = alice.password;
        alice.passwordResetRequired = false;

        resetPassword(Flow.ALICE).body("text", containsString("on its way in a direct message"));
        await().atMost(Duration.ofSeconds(15)).until(() -> newPasswordDms(Flow.ALICE).size() == 1);
        String dm = newPasswordDms(Flow.ALICE).get(0);
        String fresh = alice.password;
        assertNotEquals(old, fresh, "the old password no longer works");
        assertTrue(alice.passwordResetRequired, "AWS asks for a new one at the next sign-in");
        assertTrue(dm.contains(fresh) && !dm.contains(old), dm);
        assertEquals(1, Flow.iamCalls("UpdateLoginProfile").size());
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("reset the console password of IAM user `" + Flow.ALICE_IAM + "`")));
        assertTrue(Flow.approvalChannelPosts().stream().noneMatch(p -> p.contains(fresh)), "never the password");
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = 'password reset' "
                + "and actor = ?", id, Flow.ALICE));
        assertEquals("active", flow.state(id), "the grant goes on");
        assertEquals(List.of(), iam.denied(), "the bot's own policy allowed every step");
    }

    @Test
    void aSecondResetWithinTheCooldownIsRefusedAndAfterItAllowed() {
        flow.grant(Flow.ALICE, "console deploy");
        resetPassword(Flow.ALICE);
        await().atMost(Duration.ofSeconds(15)).until(() -> newPasswordDms(Flow.ALICE).size() == 1);
        String first = iam.user(Flow.ALICE_IAM).password;

        resetPassword(Flow.ALICE).body("text", containsString("A new reset is possible from"))
                .body("text", containsString("one every 3s"));
        assertEquals(first, iam.user(Flow.ALICE_IAM).password, "nothing changed");
        assertEquals(1, Flow.iamCalls("UpdateLoginProfile").size());

        // Once the cooldown is over, asking again works.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> Slack.send(
                Slack.command("/lightsail-access", Flow.ALICE, "reset-password")).extract().path("text").toString()
                .contains("on its way"));
        await().atMost(Duration.ofSeconds(15)).until(() -> newPasswordDms(Flow.ALICE).size() == 2);
        assertNotEquals(first, iam.user(Flow.ALICE_IAM).password);
    }

    @Test
    void withoutConsoleAccessOrWithoutAGrantNothingChangesAndThePersonIsToldWhy() {
        resetPassword(Flow.ALICE).body("text", containsString("You have no active Lightsail access"));
        SlackApiResource.person("U0BOB", "bob@example.com");
        flow.grant("U0BOB", "programmatic deploy the shop");
        resetPassword("U0BOB").body("text", containsString("programmatic only: it has no console password"));
        assertEquals(0, db.count("select count(*) from job where kind = 'RESET_PASSWORD'"));
        assertTrue(Flow.iamCalls("UpdateLoginProfile").isEmpty() && Flow.iamCalls("CreateLoginProfile").size() == 0);
    }

    @Test
    void theHomeTabsButtonResetsTheClickersOwnPasswordOnly() {
        long id = flow.grant(Flow.ALICE, "console deploy");
        SlackApiResource.person("U0BOB", "bob@example.com");
        flow.grant("U0BOB", "programmatic deploy");
        Flow.openHome(Flow.ALICE);
        String old = iam.user(Flow.ALICE_IAM).password;

        // Bob clicks a button that names Alice's grant: his own access is what counts, and it has no password.
        Slack.send(Slack.forgedBlockAction("U0BOB", "lightsail_reset_password", String.valueOf(id), Flow.nextTs()))
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo("U0BOB").stream()
                .anyMatch(answer -> answer.contains("programmatic only")));
        assertEquals(old, iam.user(Flow.ALICE_IAM).password, "Alice's password is untouched");

        Slack.send(Flow.homeClick(Flow.ALICE, "lightsail_reset_password", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> newPasswordDms(Flow.ALICE).size() == 1);
        assertNotEquals(old, iam.user(Flow.ALICE_IAM).password);
    }

    @Test
    void aNewPasswordThatCannotBeDeliveredIsToldAndDoesNotCountForTheCooldown() {
        long id = flow.grant(Flow.ALICE, "console deploy");
        // Slack refuses DMs to Alice for good: the password set for one is held by nobody.
        StubMapping refused = SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + Flow.ALICE)).atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"cannot_dm_bot\"}")));
        resetPassword(Flow.ALICE);
        await().atMost(Duration.ofSeconds(15)).until(() -> db.count("select count(*) from audit_event where "
                + "request_id = ? and action = 'password reset not shown'", id) == 1);
        assertEquals(0, db.count("select count(*) from audit_event where action = 'password reset'"));
        SlackApiResource.server().removeStub(refused);
        assertEquals(1, newPasswordDms(Flow.ALICE).size(), "the one Slack refused");
        resetPassword(Flow.ALICE).body("text", containsString("on its way"));
        await().atMost(Duration.ofSeconds(15)).until(() -> newPasswordDms(Flow.ALICE).size() == 2);
        assertTrue(newPasswordDms(Flow.ALICE).get(1).contains(iam.user(Flow.ALICE_IAM).password));
    }
}
