package com.lightsailaccess.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.SettingsFromMap;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

    @Test
    void keysAreRotatedAfterNinetyDaysWithAWeeksOverlapAndNothingIsEnforcedUnlessSet() {
        KeyRotation defaults = SettingsFromMap.defaults().value(KeyRotation.class);
        assertEquals(Optional.of(Duration.ofDays(90)), defaults.maxAge());
        assertEquals(Duration.ofDays(7), defaults.overlap());
        assertFalse(defaults.enforce());
        KeyRotation set = SettingsFromMap.of(Map.of("LIGHTSAIL_KEY_MAX_AGE", "OFF", "LIGHTSAIL_KEY_ROTATION_OVERLAP",
                "2d", "LIGHTSAIL_KEY_ROTATION_ENFORCE", "true")).value(KeyRotation.class);
        assertEquals(Optional.empty(), set.maxAge(), "off");
        assertEquals(Duration.ofDays(2), set.overlap());
        assertTrue(set.enforce());
    }

    @Test
    void aConsoleHolderWithoutMfaHasThreeDaysUnlessSet() {
        assertEquals(Duration.ofDays(3), SettingsFromMap.defaults().value(MfaGrace.class).length());
        assertEquals(Duration.ofHours(12), SettingsFromMap.of(Map.of("LIGHTSAIL_MFA_GRACE", "12h"))
                .value(MfaGrace.class).length());
    }
}
