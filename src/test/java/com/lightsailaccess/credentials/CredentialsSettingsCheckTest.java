package com.lightsailaccess.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lightsailaccess.testing.SettingsFromMap;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of a holder's own credentials, as the beans get them (the problems: config.SettingsCheckTest). */
class CredentialsSettingsCheckTest {

    @Test
    void oneResetEveryTenMinutesUnlessSet() {
        ResetCooldown cooldown = SettingsFromMap.defaults().value(ResetCooldown.class);
        assertEquals(Duration.ofMinutes(10), cooldown.length());
        assertEquals("10m", cooldown.text());
        assertEquals(Duration.ofHours(1), SettingsFromMap.of(Map.of("LIGHTSAIL_RESET_COOLDOWN", "1h"))
                .value(ResetCooldown.class).length());
    }
}
