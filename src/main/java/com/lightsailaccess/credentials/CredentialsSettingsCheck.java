package com.lightsailaccess.credentials;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Checks the settings of the holders' own credentials at start-up, and gives the beans {@link ResetCooldown}. */
@ApplicationScoped
class CredentialsSettingsCheck implements SettingsCheck {

    private final CredentialsConfig config;

    CredentialsSettingsCheck(CredentialsConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        cooldown(problems);
    }

    @Produces
    @Singleton
    ResetCooldown cooldown() {
        return Problems.valid(this::cooldown);
    }

    private ResetCooldown cooldown(Problems problems) {
        Duration length = problems.at(125).check(config.resetCooldown(), Problems.length("LIGHTSAIL_RESET_COOLDOWN"));
        return new ResetCooldown(length, config.resetCooldown().trim());
    }
}
