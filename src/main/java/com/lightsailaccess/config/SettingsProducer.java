package com.lightsailaccess.config;

import com.lightsailaccess.model.CredentialDelivery;
import com.lightsailaccess.model.Lifetimes;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Validates the settings once; {@code @Startup} makes a bad {@code .env} stop the application at boot. */
@ApplicationScoped
class SettingsProducer {

    private static final Logger LOG = Logger.getLogger(SettingsProducer.class);

    @Produces
    @Singleton
    @Startup
    BotSettings settings(SlackSettingsMapping slack, LightsailSettingsMapping lightsail) {
        BotSettings settings = SettingsValidator.validate(slack, lightsail);
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && lightsail.dryRun().isEmpty()
                && !awsCredentialsAvailable()) {
            LOG.warn("Dev mode found no AWS credentials: LIGHTSAIL_DRY_RUN defaults to true, so no IAM call that "
                    + "changes anything is made. Set AWS credentials, or LIGHTSAIL_DRY_RUN=false, to provision.");
            return settings.withDryRun(true);
        }
        if (settings.dryRun()) {
            LOG.warn("LIGHTSAIL_DRY_RUN=true: no IAM call that changes anything is made.");
        }
        return settings;
    }

    /** The lifetime settings, for the domain (which reads no configuration itself). */
    @Produces
    @Singleton
    Lifetimes lifetimes(BotSettings settings) {
        return settings.lifetimes();
    }

    /** How credentials reach people, for the domain. */
    @Produces
    @Singleton
    CredentialDelivery delivery(BotSettings settings) {
        return settings.delivery();
    }

    private static boolean awsCredentialsAvailable() {
        try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
            provider.resolveCredentials();
            return true;
        } catch (SdkClientException | IllegalStateException e) {
            return false;
        }
    }
}
