package com.lightsailaccess.packaging;

import static org.awaitility.Awaitility.await;

import com.lightsailaccess.testing.Slack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application as a child JVM: {@code java -jar target/quarkus-app/quarkus-run.jar}, with exactly the
 * environment given (plus PATH), under {@code LANG=C} and without {@code -Dfile.encoding}, as a plain deployment
 * would start it.
 */
public final class AppProcess implements AutoCloseable {

    public static final Path APP = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * A packaged build: the {@code java} launcher it runs on and its {@code quarkus-app} folder, with the
     * {@code jvm.args} its build wrote. {@link #THIS} is the project's own build, on the JDK running this code.
     */
    public record Build(String label, Path java, Path app) {
        public static final Build THIS = new Build("Java " + Runtime.version().feature(),
                Path.of(System.getProperty("java.home"), "bin", "java"), APP.toAbsolutePath());

        public Path jvmArgs() {
            return app.resolve("jvm.args");
        }
    }

    public static AppProcess start(Map<String, String> env, List<String> jvmOptions) throws IOException {
        return start(Build.THIS.java(), env, jvmOptions, APP, "quarkus-run.jar");
    }

    /** The JVM options the build wrote for the packaged app (one a line). */
    public static Path jvmArgs() {
        return Build.THIS.jvmArgs();
    }

    /**
     * As the README, the Dockerfile and the benchmark run it: {@code java @…/jvm.args [more] -jar …/quarkus-run.jar},
     * with absolute paths, from {@code workingDirectory}.
     */
    public static AppProcess startAsDeployed(Map<String, String> env, List<String> moreOptions,
            Path workingDirectory) throws IOException {
        return startAsDeployed(Build.THIS, env, moreOptions, workingDirectory);
    }

    /** {@code build}'s launcher with {@code @…/jvm.args [more] -jar …/quarkus-run.jar} of that build. */
    public static AppProcess startAsDeployed(Build build, Map<String, String> env, List<String> moreOptions,
            Path workingDirectory) throws IOException {
        List<String> options = new ArrayList<>(List.of("@" + build.jvmArgs()));
        options.addAll(moreOptions);
        return start(build.java(), env, options, workingDirectory,
                build.app().resolve("quarkus-run.jar").toString());
    }

    /** {@code java [options] -jar …/quarkus-run.jar} with the jar's absolute path, without {@code jvm.args}. */
    public static AppProcess startJar(Map<String, String> env, List<String> jvmOptions, Path workingDirectory)
            throws IOException {
        return start(Build.THIS.java(), env, jvmOptions, workingDirectory,
                APP.resolve("quarkus-run.jar").toAbsolutePath().toString());
    }

    private static AppProcess start(Path java, Map<String, String> env, List<String> jvmOptions, Path directory,
            String jar) throws IOException {
        int port = env.containsKey("QUARKUS_HTTP_PORT") ? Integer.parseInt(env.get("QUARKUS_HTTP_PORT")) : freePort();
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Path log = Files.createTempFile("lightsail-app-" + port + "-", ".log");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.directory(directory.toFile());
        return new AppProcess(pb.start(), port, log);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public AppProcess awaitReady(Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() ->
                HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return this;
    }

    public int port() {
        return port;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    /** POSTs a body to /slack/events signed as Slack signs it. */
    public HttpResponse<String> send(String body) throws IOException, InterruptedException {
        long ts = Instant.now().getEpochSecond();
        String type = body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/slack/events"))
                .header("Content-Type", type)
                .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                .header("X-Slack-Signature", Slack.signature(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Like {@code kill -9}: no shutdown hook, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
