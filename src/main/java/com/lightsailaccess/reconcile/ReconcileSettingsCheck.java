package com.lightsailaccess.reconcile;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/** Checks reconciliation's settings at start-up, and gives the beans {@link ReconcileSettings}. */
@ApplicationScoped
class ReconcileSettingsCheck implements SettingsCheck {

    private final ReconcileConfig config;

    ReconcileSettingsCheck(ReconcileConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        settings(problems);
    }

    @Produces
    @Singleton
    ReconcileSettings settings() {
        return Problems.valid(this::settings);
    }

    private ReconcileSettings settings(Problems problems) {
        problems.at(80);
        Duration every = problems.check(config.reconcileEvery(), Problems.length("LIGHTSAIL_RECONCILE_EVERY"));
        Optional<Duration> dormantAfter = config.dormantAfter().trim().equalsIgnoreCase("off") ? Optional.empty()
                : Optional.ofNullable(problems.check(config.dormantAfter(),
                        Problems.length("LIGHTSAIL_DORMANT_AFTER (or off)")));
        return new ReconcileSettings(every, dormantAfter);
    }
}
