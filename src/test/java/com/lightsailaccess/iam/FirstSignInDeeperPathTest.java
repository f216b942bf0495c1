package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamPolicyEvaluator;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code LIGHTSAIL_IAM_PATH=/teams/lightsail/}: the first sign-in works under a deeper path too. */
@QuarkusTest
@BotTest
@TestProfile(FirstSignInDeeperPathTest.DeeperPath.class)
class FirstSignInDeeperPathTest {

    static final String PATH = "/teams/lightsail/";

    public static class DeeperPath implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.iam-path", PATH);
        }
    }

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() throws IOException {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
        // The policy bot-policy prints for this deployment's path: the shipped one (which is what it prints for the
        // defaults) with the path in the user statement.
        String shipped = Files.readString(IamPolicyEvaluator.BOT_POLICY);
        String forThisPath = shipped.replace(":user/lightsail/", ":user" + PATH);
        assertNotEquals(shipped, forThisPath, "the path was written in");
        iam.setBotPolicy(IamPolicyEvaluator.parse(forThisPath));
        SlackApiResource.person("U0BOB", "bob@example.com");
    }

    @Test
    void awsManagedChangePasswordPolicyDoesNotReachAUserUnderTheDeeperPath() {
        FakeIam.User jane = iam.addUser("jane@example.com", PATH, Map.of("managed-by", "lightsail-access-bot"));
        jane.attachedPolicies.add("arn:aws:iam::aws:policy/IAMUserChangePassword");
        assertFalse(iam.userMay(jane.name, FakeIam.Session.CONSOLE_WITHOUT_MFA, "iam:ChangePassword", jane.arn()),
                "what the bot attached before: denied under " + PATH);
    }

    @Test
    void aConsoleUserUnderADeeperPathCanChangeTheirOwnPasswordAndNoOneElses() {
        flow.grant(Flow.ALICE, "console deploy");
        flow.grant("U0BOB", "console deploy");
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        assertEquals("arn:aws:iam::123456789012:user/teams/lightsail/alice@example.com", alice.arn());
        String document = iam.policy("LightsailFirstSignInPolicy").versions.get(0);
        assertTrue(document.contains("arn:aws:iam::123456789012:user/teams/lightsail/${aws:username}"), document);
        GranteeChecks.firstSignInWorks(iam, alice);
        GranteeChecks.nothingEscalates(iam, alice, iam.user("bob@example.com"), FirstSignInTest.GROUP);
        assertEquals(List.of(), iam.denied());
    }
}
