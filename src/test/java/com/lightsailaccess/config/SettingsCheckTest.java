package com.lightsailaccess.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.decision.ApprovalRules;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.slack.notify.SlackSettings;
import com.lightsailaccess.testing.SettingsFromMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every module's settings check together, as start-up runs them: the one message, its problems and their order.
 * What a module's package-private typed values hold is checked next to the module (slack, grant).
 */
class SettingsCheckTest {

    static Map<String, String> good() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-1-2-abc");
        env.put("SLACK_SIGNING_SECRET", "s3cr3t-value");
        env.put("SLACK_APPROVAL_CHANNEL", "C0123ABCD");
        env.put("LIGHTSAIL_ADMINS", "U0AAA, U0BBB");
        return env;
    }

    static SettingsFromMap validate(Map<String, String> values) {
        return SettingsFromMap.of(values).check();
    }

    @Test
    void goodSettingsWithDefaults() {
        SettingsFromMap s = validate(good());
        assertEquals(AccessType.CONSOLE, s.value(RequestChoices.class).defaultAccess());
        Provisioning iam = s.value(Provisioning.class);
        assertEquals("LightsailFullAccessGroup", iam.group());
        assertEquals("LightsailFullAccessPolicy", iam.policy());
        assertEquals("/lightsail/", iam.path());
        assertFalse(iam.dryRun());
        assertFalse(s.value(ApprovalRules.class).selfApprovalAllowed());
        assertFalse(s.value(SlackSettings.class).socketMode());
        // The admins (slack.SlackSettingsCheckTest) and the delivery (grant.RevealSettingsCheckTest) are
        // package-private values of their modules: their defaults are checked there.
    }

    @Test
    void revealOnceAndItsWindow() {
        Map<String, String> env = good();
        env.put("LIGHTSAIL_CREDENTIAL_DELIVERY", "Reveal");
        env.put("LIGHTSAIL_REVEAL_WITHIN", "2h");
        validate(env);
        // What the values are: grant.RevealSettingsCheckTest.revealOnceAndItsWindow.

        env.put("LIGHTSAIL_CREDENTIAL_DELIVERY", "email");
        env.put("LIGHTSAIL_REVEAL_WITHIN", "permanent");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("LIGHTSAIL_CREDENTIAL_DELIVERY must be dm or reveal (got 'email')"),
                e.getMessage());
        assertTrue(e.getMessage().contains("LIGHTSAIL_REVEAL_WITHIN"), e.getMessage());
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_APPROVAL_CHANNEL", "#approvals");
        env.put("LIGHTSAIL_DEFAULT_ACCESS", "admin");
        env.put("LIGHTSAIL_DRY_RUN", "yes");
        env.put("LIGHTSAIL_IAM_PATH", "lightsail");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        String m = e.getMessage();
        for (String name : new String[] {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APPROVAL_CHANNEL",
                "LIGHTSAIL_ADMINS or LIGHTSAIL_ADMIN_USERGROUP", "LIGHTSAIL_DEFAULT_ACCESS", "LIGHTSAIL_DRY_RUN",
                "LIGHTSAIL_IAM_PATH"}) {
            assertTrue(m.contains(name), name + " missing from: " + m);
        }
        assertEquals(7, e.problems().size(), m);
    }

    @Test
    void secretsAreNeverEchoed() {
        Map<String, String> env = good();
        env.put("SLACK_BOT_TOKEN", "xoxp-user-token-very-secret");
        env.put("SLACK_APP_TOKEN", "not-an-app-token-secret");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertFalse(e.getMessage().contains("very-secret"), e.getMessage());
        assertFalse(e.getMessage().contains("not-an-app-token-secret"), e.getMessage());
        SlackSettings ok = validate(good()).value(SlackSettings.class);
        assertFalse(ok.toString().contains("xoxb-1-2-abc"));
        assertFalse(ok.toString().contains("s3cr3t-value"));
    }

    @Test
    void usergroupAloneIsEnoughAndSocketModeNeedsNoSigningSecret() {
        Map<String, String> env = good();
        env.remove("LIGHTSAIL_ADMINS");
        env.remove("SLACK_SIGNING_SECRET");
        env.put("LIGHTSAIL_ADMIN_USERGROUP", "S0ADMINS");
        env.put("SLACK_APP_TOKEN", "xapp-1-abc");
        SettingsFromMap s = validate(env);
        assertTrue(s.value(SlackSettings.class).socketMode());
        // Who the admins are then: slack.SlackSettingsCheckTest.usergroupAloneIsEnough.
    }

    @Test
    void malformedAdminIdsAndNamesAreReported() {
        Map<String, String> env = good();
        env.put("LIGHTSAIL_ADMINS", "U0AAA,@bob");
        env.put("LIGHTSAIL_IAM_GROUP", "has space");
        env.put("SLACK_API_URL", "ftp://x");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void theFirstSignInPolicyIsAPolicyOfItsOwn() {
        Map<String, String> env = good();
        assertEquals("LightsailFirstSignInPolicy", validate(env).value(Provisioning.class).firstSignInPolicy());
        env.put("LIGHTSAIL_FIRST_SIGN_IN_POLICY", "lightsailfullaccesspolicy");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("LIGHTSAIL_FIRST_SIGN_IN_POLICY must name another policy than "
                + "LIGHTSAIL_IAM_POLICY"), e.getMessage());
        env.put("LIGHTSAIL_FIRST_SIGN_IN_POLICY", "not a name");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> validate(env)).getMessage()
                .contains("LIGHTSAIL_FIRST_SIGN_IN_POLICY must be 1–128 characters"));
    }

    @Test
    void aResetCooldownThatIsNoLengthIsReported() {
        Map<String, String> env = good();
        env.put("LIGHTSAIL_RESET_COOLDOWN", "soon");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("LIGHTSAIL_RESET_COOLDOWN must be <n>s, <n>m, <n>h or <n>d (got 'soon')"),
                e.getMessage());
    }

    @Test
    void malformedKeyRotationSettingsAreReportedTogether() {
        Map<String, String> env = good();
        env.put("LIGHTSAIL_KEY_MAX_AGE", "never");
        env.put("LIGHTSAIL_KEY_ROTATION_OVERLAP", "a week");
        env.put("LIGHTSAIL_KEY_ROTATION_ENFORCE", "maybe");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("LIGHTSAIL_KEY_MAX_AGE (or off) must be") && e.getMessage().contains(
                "LIGHTSAIL_KEY_ROTATION_OVERLAP must be") && e.getMessage().contains("LIGHTSAIL_KEY_ROTATION_ENFORCE"),
                e.getMessage());
    }

    @Test
    void requiringMfaIsOffOrConsoleAndItsPolicyIsAPolicyOfItsOwn() {
        Map<String, String> env = good();
        assertEquals(Optional.empty(), validate(env).value(Provisioning.class).mfaPolicy(), "off by default");
        env.put("LIGHTSAIL_REQUIRE_MFA", "Console");
        assertEquals(Optional.of("LightsailRequireMfaPolicy"), validate(env).value(Provisioning.class).mfaPolicy());
        assertEquals(List.of("LightsailFullAccessPolicy", "LightsailFirstSignInPolicy", "LightsailRequireMfaPolicy"),
                validate(env).value(Provisioning.class).policies());
        env.put("LIGHTSAIL_MFA_POLICY", "LightsailFirstSignInPolicy");
        InvalidSettingsException same = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertTrue(same.getMessage().contains("LIGHTSAIL_MFA_POLICY must name another policy than "
                + "LIGHTSAIL_FIRST_SIGN_IN_POLICY"), same.getMessage());
        env.put("LIGHTSAIL_MFA_POLICY", "LightsailRequireMfaPolicy");
        env.put("LIGHTSAIL_REQUIRE_MFA", "always");
        InvalidSettingsException bad = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertEquals(1, bad.problems().size(), bad.getMessage());
        assertTrue(bad.getMessage().contains("LIGHTSAIL_REQUIRE_MFA must be off or console, got 'always'"),
                bad.getMessage());
    }

    @Test
    void theProblemsStandInTheOrderOfTheSettingsWhicheverModuleOwnsThem() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_APP_TOKEN", "not-an-app-token");
        env.put("SLACK_API_URL", "ftp://x");
        env.put("LIGHTSAIL_ADMINS", "@bob");
        env.put("LIGHTSAIL_ADMIN_USERGROUP", "admins");
        env.put("LIGHTSAIL_ALLOW_SELF_APPROVAL", "maybe");
        env.put("LIGHTSAIL_DRY_RUN", "yes");
        env.put("LIGHTSAIL_DEFAULT_ACCESS", "admin");
        env.put("LIGHTSAIL_IAM_GROUP", "has space");
        env.put("LIGHTSAIL_IAM_POLICY", "Same");
        env.put("LIGHTSAIL_FIRST_SIGN_IN_POLICY", "same");
        env.put("LIGHTSAIL_IAM_PATH", "lightsail");
        env.put("LIGHTSAIL_DURATIONS", "3w");
        env.put("LIGHTSAIL_EXPIRY_REMINDER", "soon");
        env.put("LIGHTSAIL_RECONCILE_EVERY", "0m");
        env.put("LIGHTSAIL_DORMANT_AFTER", "never");
        env.put("LIGHTSAIL_DORMANT_GRACE", "permanent");
        env.put("LIGHTSAIL_APPROVALS_REQUIRED", "11");
        env.put("LIGHTSAIL_CREDENTIAL_DELIVERY", "email");
        env.put("LIGHTSAIL_REVEAL_WITHIN", "later");
        List<String> expected = List.of("SLACK_BOT_TOKEN is missing", "SLACK_APP_TOKEN must",
                "SLACK_API_URL must", "SLACK_APPROVAL_CHANNEL is missing", "LIGHTSAIL_ADMINS must list",
                "LIGHTSAIL_ADMIN_USERGROUP must", "LIGHTSAIL_ALLOW_SELF_APPROVAL must", "LIGHTSAIL_DRY_RUN must",
                "LIGHTSAIL_DEFAULT_ACCESS must", "LIGHTSAIL_IAM_GROUP must",
                "LIGHTSAIL_FIRST_SIGN_IN_POLICY must name another", "LIGHTSAIL_IAM_PATH must",
                "LIGHTSAIL_DURATIONS: '3w'", "LIGHTSAIL_DURATIONS must offer", "LIGHTSAIL_DEFAULT_DURATION must",
                "LIGHTSAIL_EXPIRY_REMINDER must", "LIGHTSAIL_RECONCILE_EVERY must", "LIGHTSAIL_DORMANT_AFTER (or off)",
                "LIGHTSAIL_DORMANT_GRACE must", "LIGHTSAIL_APPROVALS_REQUIRED must",
                "LIGHTSAIL_CREDENTIAL_DELIVERY must", "LIGHTSAIL_REVEAL_WITHIN must");
        List<String> problems = assertThrows(InvalidSettingsException.class, () -> validate(env)).problems();
        assertEquals(expected.size(), problems.size(), String.join("\n", problems));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(problems.get(i).startsWith(expected.get(i)), i + ": " + String.join("\n", problems));
        }
    }
}
