package com.lightsailaccess.grant;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;

/** Checks how credentials reach people at start-up, and gives the beans {@link CredentialDelivery}. */
@ApplicationScoped
class RevealSettingsCheck implements SettingsCheck {

    private final RevealConfig config;

    RevealSettingsCheck(RevealConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        delivery(problems);
    }

    @Produces
    @Singleton
    CredentialDelivery delivery() {
        return Problems.valid(this::delivery);
    }

    private CredentialDelivery delivery(Problems problems) {
        problems.at(120);
        String mode = config.credentialDelivery().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("dm") && !mode.equals("reveal")) {
            problems.add("LIGHTSAIL_CREDENTIAL_DELIVERY must be dm or reveal (got '" + config.credentialDelivery()
                    + "')");
        }
        Duration within = problems.check(config.revealWithin(), Problems.length("LIGHTSAIL_REVEAL_WITHIN"));
        return new CredentialDelivery(mode.equals("reveal"), within, config.revealWithin().trim());
    }
}
