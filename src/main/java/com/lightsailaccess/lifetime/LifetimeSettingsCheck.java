package com.lightsailaccess.lifetime;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Checks the expiry reminder at start-up, and gives the beans {@link ExpiryReminder}. The durations an extension may
 * ask for are a request's ({@code request.Filing.RequestChoices}).
 */
@ApplicationScoped
class LifetimeSettingsCheck implements SettingsCheck {

    private final LifetimeConfig config;

    LifetimeSettingsCheck(LifetimeConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        reminder(problems);
    }

    @Produces
    @Singleton
    ExpiryReminder reminder() {
        return Problems.valid(this::reminder);
    }

    private ExpiryReminder reminder(Problems problems) {
        return new ExpiryReminder(problems.at(70).check(config.expiryReminder(),
                Problems.length("LIGHTSAIL_EXPIRY_REMINDER")));
    }
}
