package com.lightsailaccess.config;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Checks every setting, the database included, before anything touches the database, and stops start-up with one
 * message that names every problem ({@link InvalidSettingsException}: Quarkus prints a configuration problem's
 * message alone, without a stack trace, and exits with 1).
 *
 * <p>Why here: Quarkus runs Flyway's migration (and then starts Hibernate ORM, which validates the schema) while it
 * initialises the application, before any {@code @Startup} bean or {@code StartupEvent}. A missing or unreachable
 * database would fail there first, with Flyway's or Hibernate's stack trace and without a word about the Slack
 * settings. Quarkus builds its Flyway instance, asking every {@link FlywayConfigurationCustomizer}, just before it
 * migrates, so this is the earliest point at which the application's own code can see all the settings. Were
 * {@code quarkus.flyway.migrate-at-start} ever turned off, {@link SettingsProducer} would still check the rest.
 */
@ApplicationScoped
class StartupCheck implements FlywayConfigurationCustomizer {

    private final SlackSettingsMapping slack;
    private final LightsailSettingsMapping lightsail;
    private final Optional<String> jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;

    public StartupCheck(SlackSettingsMapping slack, LightsailSettingsMapping lightsail,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.slack = slack;
        this.lightsail = lightsail;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /**
     * Set by the build's class-data archive run (pom.xml, {@code jvm-args}): by this point every class that a start
     * needs before it reaches the database is loaded, so the run ends here, and the JVM writes the archive.
     */
    static final String ARCHIVE_TRAINING = "lightsail-access.archive-training";

    @Override
    public void customize(FluentConfiguration configuration) {
        if (Boolean.getBoolean(ARCHIVE_TRAINING)) {
            System.out.println("Class-data archive training run: initialised, stopping before the database.");
            Runtime.getRuntime().halt(0);
        }
        SettingsValidator.validate(slack, lightsail, DatabaseCheck.problems(jdbcUrl, username, password));
    }
}
