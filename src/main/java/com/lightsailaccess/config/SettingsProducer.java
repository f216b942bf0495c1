package com.lightsailaccess.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Validates the settings once; {@code @Startup} makes a bad {@code .env} stop the application at boot. */
@ApplicationScoped
public class SettingsProducer {

    @Produces
    @Singleton
    @Startup
    BotSettings settings(SlackSettingsMapping slack, LightsailSettingsMapping lightsail) {
        return SettingsValidator.validate(slack, lightsail);
    }
}
