package com.lightsailaccess.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@code package} after the start-up cache is written (pom.xml, {@code archive-training}): records the JDK's
 * ahead-of-time cache over a whole life of the packaged bot, not only up to its start-up check. The bot starts
 * against an embedded PostgreSQL and the Slack and IAM stand-ins, migrates, becomes ready, takes a request, an
 * approval (IAM calls, the credentials DM) and a status command, and stops; the JVM writes the cache as it exits, and
 * it replaces {@code app.aot}, which {@code jvm.args} names. Every class of that path, Hibernate's runtime boot, the
 * JDBC driver, Flyway, Bolt and the AWS SDK included, is then loaded and linked from the cache at the next start.
 *
 * <p>It needs the test classes (the stand-ins), so {@code -Dmaven.test.skip=true} skips it, as the Dockerfile's
 * build does (its image makes its own start-up cache). If the training fails, the start-up cache stays, and the
 * build says so.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path appDir = AppProcess.APP.toAbsolutePath();
        Path archive = appDir.resolve("app.aot");
        Path trained = appDir.resolve("app.aot.training");
        Files.deleteIfExists(trained);
        try {
            train(trained);
            if (!Files.isRegularFile(trained) || Files.size(trained) == 0) {
                throw new IllegalStateException("the JVM wrote no cache as it exited");
            }
            Files.move(trained, archive, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("Ahead-of-time cache recorded over a whole run: " + archive + " ("
                    + Files.size(archive) / (1024 * 1024) + " MB)");
        } catch (Exception | AssertionError e) {
            Files.deleteIfExists(trained);
            System.out.println("WARNING: the ahead-of-time cache training failed (" + e
                    + "); jvm.args keeps the start-up cache, and start-up is slower than it could be.");
        }
        System.exit(0);
    }

    /**
     * SIGTERM: Quarkus shuts down, and the JVM writes the cache as it exits. A JVM that had to be killed, or that
     * exited with an error, may have left a partial cache: that is a failed training.
     */
    static void stop(AppProcess app) throws InterruptedException {
        Process process = app.process();
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the bot did not stop within 120 s of SIGTERM");
        }
        // 143 is 128 + SIGTERM, the JVM's exit after its shutdown hooks ran.
        if (process.exitValue() != 0 && process.exitValue() != 143) {
            throw new IllegalStateException("the bot exited with " + process.exitValue());
        }
    }

    static void train(Path trained) throws Exception {
        // The options the bot is run with (a cache serves only a JVM with the options that recorded it), recording a
        // new cache instead of using the start-up one.
        List<String> options = new ArrayList<>();
        for (String option : Files.readAllLines(AppProcess.jvmArgs())) {
            if (!option.isBlank() && !option.startsWith("-XX:AOTCache=")) {
                options.add(option.trim());
            }
        }
        options.add("-XX:AOTCacheOutput=" + trained);
        try (StandInsForChildren standIns = new StandInsForChildren()) {
            standIns.slack.stubFor(post(urlPathEqualTo("/api/users.info")).willReturn(okJson(
                    "{\"ok\":true,\"user\":{\"id\":\"U0\",\"team_id\":\"" + SlackApiResource.TEAM + "\"}}")));
            Map<String, String> env = standIns.env();
            AppProcess app = AppProcess.startJar(env, options, AppProcess.APP.toAbsolutePath());
            try {
                app.awaitReady(Duration.ofSeconds(120));
                String person = "U0TRAINING";
                String filed = app.send(Slack.command("/lightsail-access", person, "console training run")).body();
                if (!filed.contains("is filed")) {
                    throw new IllegalStateException("the request was not filed: " + filed);
                }
                long id = await().atMost(Duration.ofSeconds(60)).until(() -> standIns.count("select coalesce(max(id), 0) "
                        + "from access_request where requester_id = ? and approval_ts is not null", person), n -> n > 0);
                app.send(Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id));
                await().atMost(Duration.ofSeconds(60)).until(() -> !standIns.slack.findAll(
                        postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                                .withRequestBody(containing("channel=" + person))).isEmpty());
                app.send(Slack.command("/lightsail-access", person, "status"));
            } finally {
                stop(app);
            }
        }
    }
}
