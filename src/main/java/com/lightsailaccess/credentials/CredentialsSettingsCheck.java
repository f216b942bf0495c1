package com.lightsailaccess.credentials;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks the settings of the holders' own credentials at start-up, and gives the beans {@link ResetCooldown},
 * {@link KeyRotation} and {@link MfaGrace}.
 */
@ApplicationScoped
class CredentialsSettingsCheck implements SettingsCheck {

    private final CredentialsConfig config;

    CredentialsSettingsCheck(CredentialsConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        cooldown(problems);
        rotation(problems);
        mfaGrace(problems);
    }

    @Produces
    @Singleton
    MfaGrace mfaGrace() {
        return Problems.valid(this::mfaGrace);
    }

    private MfaGrace mfaGrace(Problems problems) {
        return new MfaGrace(problems.at(127).check(config.mfaGrace(), Problems.length("LIGHTSAIL_MFA_GRACE")));
    }

    @Produces
    @Singleton
    KeyRotation rotation() {
        return Problems.valid(this::rotation);
    }

    private KeyRotation rotation(Problems problems) {
        problems.at(126);
        String maxAgeText = config.keyMaxAge().trim();
        Optional<Duration> maxAge = maxAgeText.equalsIgnoreCase("off") ? Optional.empty()
                : Optional.ofNullable(problems.check(maxAgeText, Problems.length("LIGHTSAIL_KEY_MAX_AGE (or off)")));
        Duration overlap = problems.check(config.keyRotationOverlap(),
                Problems.length("LIGHTSAIL_KEY_ROTATION_OVERLAP"));
        Boolean enforce = problems.check(config.keyRotationEnforce(), Problems.bool("LIGHTSAIL_KEY_ROTATION_ENFORCE"));
        return new KeyRotation(maxAge, maxAgeText, overlap, config.keyRotationOverlap().trim(),
                Boolean.TRUE.equals(enforce));
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
