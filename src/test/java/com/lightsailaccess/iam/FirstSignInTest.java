package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam.Session;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A grant judged from the grantee's side: what the person who receives the credentials can do next, by every policy
 * their IAM user holds (its own and its group's), policy variables replaced as IAM replaces them. The first console
 * sign-in asks for a new password at once, so changing one's own password must be allowed; nothing else in IAM is.
 */
@QuarkusTest
@BotTest
class FirstSignInTest {

    static final String GROUP = "LightsailFullAccessGroup";
    static final String SEED = "arn:aws:iam::123456789012:policy/LightsailFullAccessPolicy";

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

    /**
     * What the bot did before: AWS's managed IAMUserChangePassword on the user, the seed's policy on the group. Its
     * {@code user/${aws:username}} is the name without the path, so it matches only a user at path {@code /}.
     */
    @Test
    void awsManagedChangePasswordPolicyDoesNotReachAUserUnderThePath() {
        iam.addPolicy("LightsailFullAccessPolicy", "/", ManagedPolicy.lightsail("LightsailFullAccessPolicy").document());
        for (String path : List.of("/lightsail/", "/")) {
            String name = path.equals("/") ? "root@example.com" : "jane@example.com";
            FakeIam.User user = iam.addUser(name, path, Map.of("managed-by", "lightsail-access-bot"));
            user.attachedPolicies.add("arn:aws:iam::aws:policy/IAMUserChangePassword");
            iam.addToGroup(name, GROUP);
        }
        iam.group(GROUP).add(SEED);
        FakeIam.User underPath = iam.user("jane@example.com");
        FakeIam.User atRoot = iam.user("root@example.com");
        assertEquals("arn:aws:iam::123456789012:user/lightsail/jane@example.com", underPath.arn());
        assertFalse(iam.userMay(underPath.name, Session.CONSOLE_WITHOUT_MFA, "iam:ChangePassword", underPath.arn()),
                "under /lightsail/ the first sign-in's password change is implicitly denied");
        assertTrue(iam.userMay(atRoot.name, Session.CONSOLE_WITHOUT_MFA, "iam:ChangePassword", atRoot.arn()),
                "at / the same policy allows it: the path is what it misses");
        assertTrue(iam.userMay(underPath.name, Session.CONSOLE_WITHOUT_MFA, "lightsail:GetInstances", "*"));
    }

    @Test
    void aNewConsoleUserCanChangeTheirOwnPasswordAtTheFirstSignInAndNothingElseInIam() {
        flow.grant(Flow.ALICE, "console deploy the blog");
        flow.grant("U0BOB", "both deploy the shop");
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        FakeIam.User bob = iam.user("bob@example.com");
        assertTrue(alice.passwordResetRequired, "AWS asks for a new password at the first sign-in");
        assertEquals(Set.of(), alice.attachedPolicies, "nothing on the user itself: the group carries it");

        GranteeChecks.firstSignInWorks(iam, alice);
        GranteeChecks.nothingEscalates(iam, alice, bob, GROUP);
        GranteeChecks.nothingEscalates(iam, bob, alice, GROUP);
        assertTrue(iam.userMay(bob.name, Session.ACCESS_KEY, "lightsail:GetInstances", "*"),
                "the access key works for Lightsail");
    }

    @Test
    void theCredentialsMessageSaysTheFirstSignInAsksForANewPassword() {
        flow.grant(Flow.ALICE, "console deploy");
        String dm = com.lightsailaccess.testing.Slack.readable(Flow.dmsTo(Flow.ALICE).get(0));
        assertTrue(dm.contains("choose a new password when you first sign in"), dm);
    }

    @Test
    void aGroupSetUpBeforeTheFirstSignInPolicyExistedGetsItAtTheNextGrant() {
        iam.addPolicy("LightsailFullAccessPolicy", "/", ManagedPolicy.lightsail("LightsailFullAccessPolicy").document());
        iam.addToGroup(iam.addUser("old@example.com", "/lightsail/", Map.of()).name, GROUP);
        iam.group(GROUP).add(SEED);
        flow.grant(Flow.ALICE, "console deploy");
        assertEquals(Set.of(SEED, "arn:aws:iam::123456789012:policy/LightsailFirstSignInPolicy"), iam.group(GROUP));
        GranteeChecks.firstSignInWorks(iam, iam.user(Flow.ALICE_IAM));
        assertEquals(List.of(), iam.denied(), "the bot's own policy allowed every step");
    }

    @Test
    void aFirstSignInPolicyWidenedToEveryUserIsNeverAttached() {
        iam.addPolicy("LightsailFirstSignInPolicy", "/", """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "iam:ChangePassword", "Resource": "arn:aws:iam::123456789012:user/*"},
                  {"Effect": "Allow", "Action": "iam:GetAccountPasswordPolicy", "Resource": "*"}]}""");
        long id = flow.file(Flow.ALICE, "console x");
        flow.approve(id);
        flow.awaitState(id, "failed");
        assertTrue(Flow.iamCalls("AddUserToGroup").isEmpty() && Flow.iamCalls("AttachGroupPolicy").isEmpty(),
                "nothing attached, nobody added");
        String reason = (String) db.single("select failure_reason from access_request where id = ?", id);
        assertTrue(reason.contains("LightsailFirstSignInPolicy") && reason.contains("user/*"), reason);
    }
}
