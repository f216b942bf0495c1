package com.lightsailaccess.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.iam.BotPolicy;
import com.lightsailaccess.testing.IamPolicyEvaluator;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bot-policy}: the bot's own IAM policy is printed from the settings, never written by hand. The shipped
 * {@code deploy/bot-iam-policy.json}, which the IAM stand-in enforces in every test, is exactly its output for the
 * default settings; other settings move every resource with them. (The packaged jar's command:
 * {@code PackagedJarIT}.)
 */
class BotPolicyCommandTest {

    /** The settings as the bot reads them, from {@code values} alone: no environment, no {@code .env}. */
    static ProvisioningConfig settings(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500))
                .withMapping(ProvisioningConfig.class).build().getConfigMapping(ProvisioningConfig.class);
    }

    @Test
    void theShippedPolicyIsTheCommandsOutputForTheDefaultSettings() throws Exception {
        Problems problems = new Problems();
        String printed = BotPolicyCommand.document(BotPolicy.EXAMPLE_ACCOUNT, settings(Map.of()), problems);
        assertEquals(List.of(), problems.list());
        assertEquals(Files.readString(IamPolicyEvaluator.BOT_POLICY), printed,
                "deploy/bot-iam-policy.json is written by `bot-policy`: regenerate it with the command");
    }

    @Test
    void theAccountTheGroupThePoliciesAndThePathAreThoseOfTheSettings() {
        Problems problems = new Problems();
        String printed = BotPolicyCommand.document("111122223333", settings(Map.of(
                "lightsail.iam-group", "TeamLightsail", "lightsail.iam-policy", "TeamLightsailPolicy",
                "lightsail.first-sign-in-policy", "TeamFirstSignIn", "lightsail.mfa-policy", "TeamMfa",
                "lightsail.iam-path", "/corp/lightsail/")), problems);
        assertEquals(List.of(), problems.list());
        IamPolicyEvaluator policy = IamPolicyEvaluator.parse(printed);
        String account = "arn:aws:iam::111122223333:";
        String group = account + "group/TeamLightsail";
        assertTrue(policy.allows("iam:CreateUser", account + "user/corp/lightsail/U0ALICE", Map.of()));
        assertFalse(policy.allows("iam:CreateUser", account + "user/lightsail/U0ALICE", Map.of()),
                "only users under the configured path");
        assertFalse(policy.allows("iam:CreateUser", "arn:aws:iam::123456789012:user/corp/lightsail/U0ALICE",
                Map.of()), "only in the account given");
        assertTrue(policy.allows("iam:AddUserToGroup", group, Map.of()));
        assertFalse(policy.allows("iam:AddUserToGroup", account + "group/LightsailFullAccessGroup", Map.of()),
                "not the default group once another is configured");
        assertFalse(policy.allows("iam:AddUserToGroup", account + "group/Admins", Map.of()));
        for (String own : List.of("TeamLightsailPolicy", "TeamFirstSignIn", "TeamMfa")) {
            assertTrue(policy.allows("iam:AttachGroupPolicy", group, Map.of("iam:PolicyARN",
                    account + "policy/" + own)), own);
            assertTrue(policy.allows("iam:CreatePolicy", account + "policy/" + own, Map.of()), own);
        }
        assertFalse(policy.allows("iam:AttachGroupPolicy", group,
                Map.of("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess")));
        assertFalse(policy.allows("iam:CreatePolicy", account + "policy/LightsailFullAccessPolicy", Map.of()));
    }

    /**
     * With the shipped example levels, each level's group takes its own policy and the shared ones, and no other
     * level's; nothing else. (Every call a flow makes at each level is made under this policy: AccessLevelsTest.)
     */
    @Test
    void eachLevelsGroupTakesItsOwnPolicyAndNoOther() {
        Problems problems = new Problems();
        String printed = BotPolicyCommand.document(BotPolicy.EXAMPLE_ACCOUNT, settings(Map.of(
                "lightsail.access-levels", AccessLevelsFileTest.EXAMPLES.toString())), problems);
        assertEquals(List.of(), problems.list());
        IamPolicyEvaluator policy = IamPolicyEvaluator.parse(printed);
        String account = "arn:aws:iam::" + BotPolicy.EXAMPLE_ACCOUNT + ":";
        Map<String, String> levels = Map.of("LightsailFullAccessGroup", "LightsailFullAccessPolicy",
                "LightsailReadOnlyGroup", "LightsailReadOnlyPolicy",
                "LightsailTeamBlogGroup", "LightsailTeamBlogPolicy");
        levels.forEach((group, own) -> {
            String arn = account + "group/" + group;
            for (String action : List.of("iam:GetGroup", "iam:CreateGroup", "iam:AddUserToGroup",
                    "iam:RemoveUserFromGroup", "iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies")) {
                assertTrue(policy.allows(action, arn, Map.of()), action + " on " + group);
            }
            for (String shared : List.of(own, "LightsailFirstSignInPolicy", "LightsailRequireMfaPolicy")) {
                assertTrue(policy.allows("iam:AttachGroupPolicy", arn, Map.of("iam:PolicyARN", account + "policy/"
                        + shared)), shared + " on " + group);
            }
            levels.values().stream().filter(other -> !other.equals(own)).forEach(other -> assertFalse(policy.allows(
                    "iam:AttachGroupPolicy", arn, Map.of("iam:PolicyARN", account + "policy/" + other)),
                    other + " is not " + group + "'s"));
            for (String action : List.of("iam:CreatePolicy", "iam:GetPolicy", "iam:GetPolicyVersion")) {
                assertTrue(policy.allows(action, account + "policy/" + own, Map.of()), action + " " + own);
            }
        });
        assertFalse(policy.allows("iam:AddUserToGroup", account + "group/Admins", Map.of()));
        assertFalse(policy.allows("iam:CreatePolicy", account + "policy/AdminPolicy", Map.of()));
    }

    @Test
    void badSettingsAndBadArgumentsAreNamedAndNothingIsPrinted() {
        Problems problems = new Problems();
        assertNull(BotPolicyCommand.document(BotPolicy.EXAMPLE_ACCOUNT, settings(Map.of(
                "lightsail.iam-group", "Team Lightsail", "lightsail.iam-path", "corp")), problems));
        assertEquals(2, problems.list().size(), problems.list().toString());
        assertTrue(problems.list().get(0).startsWith("LIGHTSAIL_IAM_GROUP must be 1–128 characters"),
                problems.list().toString());
        assertTrue(problems.list().get(1).startsWith("LIGHTSAIL_IAM_PATH must be / or start and end with /"),
                problems.list().toString());

        for (List<String> args : List.of(List.of("--account", "12345"), List.of("--account=12345678901a"),
                List.of("--acount", "111122223333"), List.of("--account"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = BotPolicyCommand.run(args.toArray(String[]::new), new PrintStream(out, true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, status, args.toString());
            assertEquals("", out.toString(StandardCharsets.UTF_8), args.toString());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(BotPolicyCommand.USAGE), args.toString());
        }
    }
}
