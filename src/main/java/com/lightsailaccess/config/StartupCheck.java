package com.lightsailaccess.config;

import com.lightsailaccess.config.SettingsCheck.Problems;
import io.quarkus.arc.All;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
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
 * {@code quarkus.flyway.migrate-at-start} ever turned off, the same check would still run at the start event.
 *
 * <p>Each module checks its own settings ({@link SettingsCheck}): the values a person writes are read as text, so
 * that a malformed one is reported here with every other problem instead of stopping SmallRye's configuration
 * mapping alone, in its own words, before this check runs.
 */
@ApplicationScoped
class StartupCheck implements FlywayConfigurationCustomizer {

    private final List<SettingsCheck> checks;
    private final Optional<String> jdbcUrl;
    private final Optional<String> username;
    private final Optional<String> password;
    private volatile boolean done;

    public StartupCheck(@All List<SettingsCheck> checks,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.checks = checks;
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
        check(DatabaseCheck.problems(jdbcUrl, username, password));
    }

    /** Before the {@code @Startup} beans, which build their modules' typed settings. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (!done) {
            check(List.of());
        }
    }

    /** Every module's problems after {@code database}'s, in one {@link InvalidSettingsException}. */
    void check(List<String> database) {
        Problems problems = new Problems();
        database.forEach(problems::add);
        problems.checkAll(checks);
        problems.throwIfAny();
        done = true;
    }
}
