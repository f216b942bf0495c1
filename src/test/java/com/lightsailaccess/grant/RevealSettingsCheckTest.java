package com.lightsailaccess.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.SettingsFromMap;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How credentials reach people, as the beans get it (the problems: config.SettingsCheckTest). */
class RevealSettingsCheckTest {

    @Test
    void oneDmUnlessRevealIsChosen() {
        CredentialDelivery delivery = SettingsFromMap.defaults().value(CredentialDelivery.class);
        assertFalse(delivery.reveal(), "one DM unless reveal is chosen");
        assertEquals(Duration.ofHours(24), delivery.revealWithin());
    }

    @Test
    void revealOnceAndItsWindow() {
        CredentialDelivery delivery = SettingsFromMap.of(Map.of("LIGHTSAIL_CREDENTIAL_DELIVERY", "Reveal",
                "LIGHTSAIL_REVEAL_WITHIN", "2h")).value(CredentialDelivery.class);
        assertTrue(delivery.reveal());
        assertEquals(Duration.ofHours(2), delivery.revealWithin());
        assertEquals("2h", delivery.revealWithinText());
    }
}
