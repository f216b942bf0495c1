package com.lightsailaccess.revoke;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Checks the dormant grace at start-up, and gives the beans {@link DormantGrace}. */
@ApplicationScoped
class RevokeSettingsCheck implements SettingsCheck {

    private final RevokeConfig config;

    RevokeSettingsCheck(RevokeConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        grace(problems);
    }

    @Produces
    @Singleton
    DormantGrace grace() {
        return Problems.valid(this::grace);
    }

    private DormantGrace grace(Problems problems) {
        return new DormantGrace(problems.at(100).check(config.dormantGrace(),
                Problems.length("LIGHTSAIL_DORMANT_GRACE")));
    }
}
