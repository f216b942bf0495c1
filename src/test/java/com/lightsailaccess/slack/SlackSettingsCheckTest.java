package com.lightsailaccess.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.slack.notify.SlackSettings;
import com.lightsailaccess.testing.SettingsFromMap;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Slack settings and the admins, as the beans get them (the problems: config.SettingsCheckTest). */
class SlackSettingsCheckTest {

    static Map<String, String> good() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-1-2-abc");
        env.put("SLACK_SIGNING_SECRET", "s3cr3t-value");
        env.put("SLACK_APPROVAL_CHANNEL", "C0123ABCD");
        env.put("LIGHTSAIL_ADMINS", "U0AAA, U0BBB");
        return env;
    }

    @Test
    void goodSettingsWithDefaults() {
        SettingsFromMap s = SettingsFromMap.of(good()).check();
        assertEquals(Set.of("U0AAA", "U0BBB"), s.value(Admins.class).listed());
        SlackSettings slack = s.value(SlackSettings.class);
        assertEquals("https://slack.com/api/", slack.apiUrl());
        assertEquals(3, slack.postBurst());
        assertEquals(Duration.ofSeconds(1), slack.postInterval());
    }

    @Test
    void usergroupAloneIsEnough() {
        Map<String, String> env = good();
        env.remove("LIGHTSAIL_ADMINS");
        env.remove("SLACK_SIGNING_SECRET");
        env.put("LIGHTSAIL_ADMIN_USERGROUP", "S0ADMINS");
        env.put("SLACK_APP_TOKEN", "xapp-1-abc");
        Admins admins = SettingsFromMap.of(env).check().value(Admins.class);
        assertEquals(Optional.of("S0ADMINS"), admins.usergroup());
        assertTrue(admins.listed().isEmpty());
    }
}
