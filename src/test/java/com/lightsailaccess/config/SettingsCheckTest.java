package com.lightsailaccess.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.model.AccessType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsValidatorTest {

    /** A mapping from a plain map, as the environment would give it. */
    record Env(Map<String, String> values) implements SlackSettingsMapping, LightsailSettingsMapping {
        Optional<String> get(String k) {
            return Optional.ofNullable(values.get(k));
        }

        String get(String k, String def) {
            return values.getOrDefault(k, def);
        }

        public Optional<String> botToken() {
            return get("SLACK_BOT_TOKEN");
        }

        public Optional<String> signingSecret() {
            return get("SLACK_SIGNING_SECRET");
        }

        public Optional<String> appToken() {
            return get("SLACK_APP_TOKEN");
        }

        public String apiUrl() {
            return get("SLACK_API_URL", "https://slack.com/api/");
        }

        public Optional<String> approvalChannel() {
            return get("SLACK_APPROVAL_CHANNEL");
        }

        public Optional<String> admins() {
            return get("LIGHTSAIL_ADMINS");
        }

        public Optional<String> adminUsergroup() {
            return get("LIGHTSAIL_ADMIN_USERGROUP");
        }

        public String allowSelfApproval() {
            return get("LIGHTSAIL_ALLOW_SELF_APPROVAL", "false");
        }

        public String defaultAccess() {
            return get("LIGHTSAIL_DEFAULT_ACCESS", "console");
        }

        public String iamGroup() {
            return get("LIGHTSAIL_IAM_GROUP", "LightsailFullAccessGroup");
        }

        public String iamPolicy() {
            return get("LIGHTSAIL_IAM_POLICY", "LightsailFullAccessPolicy");
        }

        public String firstSignInPolicy() {
            return get("LIGHTSAIL_FIRST_SIGN_IN_POLICY", "LightsailFirstSignInPolicy");
        }

        public String iamPath() {
            return get("LIGHTSAIL_IAM_PATH", "/lightsail/");
        }

        public Optional<String> dryRun() {
            return get("LIGHTSAIL_DRY_RUN");
        }

        public String durations() {
            return get("LIGHTSAIL_DURATIONS", "1d,7d,30d,90d,permanent");
        }

        public String defaultDuration() {
            return get("LIGHTSAIL_DEFAULT_DURATION", "30d");
        }

        public String expiryReminder() {
            return get("LIGHTSAIL_EXPIRY_REMINDER", "24h");
        }

        public String reconcileEvery() {
            return get("LIGHTSAIL_RECONCILE_EVERY", "15m");
        }

        public String dormantAfter() {
            return get("LIGHTSAIL_DORMANT_AFTER", "90d");
        }

        public String dormantGrace() {
            return get("LIGHTSAIL_DORMANT_GRACE", "7d");
        }

        public String approvalsRequired() {
            return get("LIGHTSAIL_APPROVALS_REQUIRED", "1");
        }

        public String credentialDelivery() {
            return get("LIGHTSAIL_CREDENTIAL_DELIVERY", "dm");
        }

        public String revealWithin() {
            return get("LIGHTSAIL_REVEAL_WITHIN", "24h");
        }

        public int slackPostBurst() {
            return 3;
        }

        public Duration slackPostInterval() {
            return Duration.ofSeconds(1);
        }

        public boolean benchmarkBaseline() {
            return false;
        }
    }

    static Map<String, String> good() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-1-2-abc");
        env.put("SLACK_SIGNING_SECRET", "s3cr3t-value");
        env.put("SLACK_APPROVAL_CHANNEL", "C0123ABCD");
        env.put("LIGHTSAIL_ADMINS", "U0AAA, U0BBB");
        return env;
    }

    static BotSettings validate(Map<String, String> values) {
        Env env = new Env(values);
        return SettingsValidator.validate(env, env);
    }

    @Test
    void goodSettingsWithDefaults() {
        BotSettings s = validate(good());
        assertEquals(AccessType.CONSOLE, s.defaultAccess());
        assertEquals("LightsailFullAccessGroup", s.iamGroup());
        assertEquals("LightsailFullAccessPolicy", s.iamPolicy());
        assertEquals("/lightsail/", s.iamPath());
        assertEquals(java.util.Set.of("U0AAA", "U0BBB"), s.admins());
        assertFalse(s.dryRun());
        assertFalse(s.allowSelfApproval());
        assertFalse(s.socketMode());
        assertFalse(s.delivery().reveal(), "one DM unless reveal is chosen");
        assertEquals(java.time.Duration.ofHours(24), s.delivery().revealWithin());
    }

    @Test
    void revealOnceAndItsWindow() {
        Map<String, String> env = good();
        env.put("LIGHTSAIL_CREDENTIAL_DELIVERY", "Reveal");
        env.put("LIGHTSAIL_REVEAL_WITHIN", "2h");
        BotSettings s = validate(env);
        assertTrue(s.delivery().reveal());
        assertEquals(java.time.Duration.ofHours(2), s.delivery().revealWithin());

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
        BotSettings ok = validate(good());
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
        BotSettings s = validate(env);
        assertTrue(s.socketMode());
        assertEquals(Optional.of("S0ADMINS"), s.adminUsergroup());
        assertTrue(s.admins().isEmpty());
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
        assertEquals("LightsailFirstSignInPolicy", validate(env).firstSignInPolicy());
        env.put("LIGHTSAIL_FIRST_SIGN_IN_POLICY", "lightsailfullaccesspolicy");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> validate(env));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("LIGHTSAIL_FIRST_SIGN_IN_POLICY must name another policy than "
                + "LIGHTSAIL_IAM_POLICY"), e.getMessage());
        env.put("LIGHTSAIL_FIRST_SIGN_IN_POLICY", "not a name");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> validate(env)).getMessage()
                .contains("LIGHTSAIL_FIRST_SIGN_IN_POLICY must be 1–128 characters"));
    }
}
