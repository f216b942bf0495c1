package com.lightsailaccess.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Approve cycles with every logger at DEBUG, one whose first credentials DM is refused and one that gives up after
 * the credentials were made, then a search for every password and secret access key IAM issued in every table,
 * the whole captured log (the failed attempts' WARN and ERROR lines included), and every message sent to Slack
 * except the credentials DMs. Reveal once ({@code LIGHTSAIL_CREDENTIAL_DELIVERY=reveal}) gets the same search, with
 * the modal as the one place allowed, in {@code RevealTest}.
 */
@QuarkusTest
@BotTest
@TestProfile(SecretsNeverLeakTest.Debug.class)
class SecretsNeverLeakTest {

    public static class Debug implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Everything at DEBUG goes to the file this test searches; the console stays at INFO, so the build's
            // output is not buried under the DEBUG lines.
            return Map.of("quarkus.log.level", "DEBUG", "quarkus.log.file.level", "DEBUG",
                    "quarkus.log.file.path", "target/quarkus-test-debug.log", "quarkus.log.console.level", "INFO");
        }
    }

    @Inject
    Db db;

    @Test
    void afterCyclesWithFailedAttemptsNoSecretIsAnywhereButTheCredentialsDms() throws Exception {
        Flow flow = new Flow(db);
        flow.reset();

        // U0SECRET: Slack fails the first credentials DM (a 500), so those credentials are withdrawn and the job's
        // failed attempt is logged (WARN); the retry makes fresh ones and delivers them.
        SlackApiResource.person("U0SECRET", "secret.keeper@example.com");
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=U0SECRET")).inScenario("dm")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"ok\":false,\"error\":\"internal_error\"}"))
                .willSetStateTo("open"));
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=U0SECRET")).inScenario("dm").whenScenarioStateIs("open")
                .willReturn(okJson("{\"ok\":true,\"ts\":\"1.1\"}")));
        long first = flow.grant("U0SECRET", "both keep it safe");

        // U0SECRET2: the password and the key are made, then IAM keeps failing AddUserToGroup: WARN, then ERROR.
        SlackApiResource.person("U0SECRET2", "second.keeper@example.com");
        IamResource.iam().failNext("AddUserToGroup", 1000, 500, "ServiceFailure");
        long second = flow.file("U0SECRET2", "both this one fails");
        flow.approve(second);
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from job where request_id = ? "
                + "and kind = 'PROVISION' and attempts >= 1 and locked_by is null and finished_at is null",
                second) == 1);
        db.update("update job set attempts = 5, run_after = now() where request_id = ? and kind = 'PROVISION' "
                + "and locked_by is null", second);
        flow.awaitState(second, "failed");

        // Every password and secret access key IAM issued, those of the failed attempts included.
        Set<String> secrets = issuedSecrets();
        FakeIam.User user = IamResource.iam().user("secret.keeper@example.com");
        String password = user.password;
        String secret = user.keys.values().iterator().next();
        assertTrue(secrets.contains(password) && secrets.contains(secret), "the search knows the final ones");
        assertTrue(secrets.size() >= 8, "two attempts each for two people, a password and a key each: " + secrets);

        // The credentials DMs have them (so the search below is looking for the right strings) ...
        List<LoggedRequest> toSlack = SlackApiResource.server().findAll(postRequestedFor(urlPathMatching("/.*")));
        List<LoggedRequest> dms = toSlack.stream().filter(r -> r.getUrl().startsWith("/api/chat.postMessage")
                && "U0SECRET".equals(Flow.params(r).get("channel"))).toList();
        assertEquals(2, dms.size(), "the failed DM and the delivered one");
        String dm = Slack.readable(dms.get(1));
        assertTrue(dm.contains(password) && dm.contains(secret));

        // ... and nothing else does.
        for (LoggedRequest r : toSlack) {
            if (dms.stream().anyMatch(d -> d.getBodyAsString().equals(r.getBodyAsString()))) {
                continue;
            }
            String body = Slack.readable(r);
            for (String s : secrets) {
                assertFalse(body.contains(s), "leaked to Slack: " + r.getUrl());
            }
        }
        String database = db.dumpAllText();
        for (String s : secrets) {
            assertFalse(database.contains(s), "a password or a secret access key is in the database");
        }
        assertTrue(database.contains(user.keys.keySet().iterator().next()), "the key id is recorded (sanity)");

        Path log = Path.of("target/quarkus-test-debug.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(log) && Files.size(log) > 0);
        String captured = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(captured.contains("DEBUG"), "the log really ran at DEBUG");
        assertTrue(Pattern.compile("WARN .*PROVISION for request #" + first + " \\(job #\\d+\\): attempt 1 of 6 "
                + "failed with \\S+ \\(chat.postMessage failed: \\S+\\); next try at").matcher(captured).find(),
                "the search covers a failed attempt's WARN line");
        assertTrue(captured.contains("PROVISION for request #" + second + " (job #")
                && captured.contains("; giving up"), "and a give-up's ERROR line");
        for (String s : secrets) {
            assertFalse(captured.contains(s), "a password or a secret access key is in the log");
        }
        assertFalse(captured.contains(SlackApiResource.BOT_TOKEN), "the bot token is in the log");
        assertFalse(captured.contains(SlackApiResource.SIGNING_SECRET), "the signing secret is in the log");
        assertFalse(captured.contains("test-bot-secret-key"), "the bot's AWS secret is in the log");
    }

    /** Passwords sent to IAM (CreateLoginProfile, UpdateLoginProfile) and secret keys it answered with. */
    static Set<String> issuedSecrets() {
        Set<String> secrets = new HashSet<>();
        Pattern secretKey = Pattern.compile("<SecretAccessKey>([^<]+)</SecretAccessKey>");
        for (ServeEvent event : IamResource.server().getAllServeEvents()) {
            Map<String, String> params = Flow.params(event.getRequest());
            String action = params.get("Action");
            if (("CreateLoginProfile".equals(action) || "UpdateLoginProfile".equals(action))
                    && params.get("Password") != null) {
                secrets.add(params.get("Password"));
            }
            if ("CreateAccessKey".equals(action)) {
                Matcher m = secretKey.matcher(event.getResponse().getBodyAsString());
                if (m.find()) {
                    secrets.add(m.group(1));
                }
            }
        }
        return secrets;
    }

    /**
     * A grant that fails after its credentials were made (they are withdrawn), a Cancel, then a grant that is
     * delivered and a deletion: every password and key IAM ever issued is searched for everywhere.
     */
    @Test
    void aFailedGrantACancelAndARevocationLeaveNoSecretAnywhereButTheOneDm() throws Exception {
        Flow flow = new Flow(db);
        flow.reset();
        String person = "U0SECRET2";
        String iamName = "secret.two@example.com";
        SlackApiResource.person(person, iamName);
        FakeIam iam = IamResource.iam();
        iam.failNext("ListAccountAliases", 1, 409, "LimitExceeded");
        long failed = flow.file(person, "both fails after making credentials");
        flow.approve(failed);
        flow.awaitState(failed, "failed");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_cancel", failed)).statusCode(200);
        flow.awaitState(failed, "cancelled");
        long granted = flow.grant(person, "both again");
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + person + "> delete"))
                .statusCode(200);
        flow.awaitState(granted, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> iam.user(iamName) == null);

        List<String> secrets = iam.secretsIssued();
        assertEquals(4, secrets.size(), "two grants, each with a password and a key");
        List<LoggedRequest> dms = Flow.dmsTo(person).stream()
                .filter(r -> Slack.readable(r).contains("Secret access key")).toList();
        assertEquals(1, dms.size(), "one credentials DM: the failed grant delivered nothing");
        String dm = Slack.readable(dms.get(0));
        assertEquals(2, secrets.stream().filter(dm::contains).count(), "the DM holds the delivered grant's two");
        for (LoggedRequest r : SlackApiResource.server().findAll(postRequestedFor(urlPathMatching("/.*")))) {
            if (r.getBodyAsString().equals(dms.get(0).getBodyAsString())) {
                continue;
            }
            String body = Slack.readable(r);
            secrets.forEach(secret -> assertFalse(body.contains(secret), "leaked to Slack: " + r.getUrl()));
        }
        String database = db.dumpAllText();
        secrets.forEach(secret -> assertFalse(database.contains(secret), "a secret is in the database"));
        Path log = Path.of("target/quarkus-test-debug.log");
        String captured = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(captured.contains("withdrawn"), "the log tells of the withdrawal (sanity)");
        secrets.forEach(secret -> assertFalse(captured.contains(secret), "a secret is in the log"));
    }

    /**
     * A password reset whose first DM Slack fails (a 500: retried with another new password) and then delivers, and
     * a key rotation: every password and secret access key IAM issued is searched for everywhere but the DMs that
     * carried them to their holder.
     */
    @Test
    void aPasswordResetAndAKeyRotationLeaveNoSecretAnywhereButTheirDms() throws Exception {
        Flow flow = new Flow(db);
        flow.reset();
        String person = "U0RESET";
        SlackApiResource.person(person, "reset.keeper@example.com");
        flow.grant(person, "both keep it safe");
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + person)).inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"ok\":false,\"error\":\"internal_error\"}"))
                .willSetStateTo("open"));
        Slack.send(Slack.command("/lightsail-access", person, "reset-password")).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from audit_event where action "
                + "= 'password reset'") == 1);
        Slack.send(Slack.command("/lightsail-access", person, "rotate-key")).statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from audit_event where action "
                + "= 'access key rotated'") == 1);
        String password = IamResource.iam().user("reset.keeper@example.com").password;
        Set<String> secrets = issuedSecrets();
        assertEquals(5, secrets.size(), "the grant's two, the refused DM's password, the delivered one, the rotation's "
                + "key: " + secrets.size());
        List<LoggedRequest> carrying = SlackApiResource.server().findAll(postRequestedFor(urlPathMatching("/.*")))
                .stream().filter(r -> secrets.stream().anyMatch(Slack.readable(r)::contains)).toList();
        assertEquals(4, carrying.size(), "the grant's DM, the DM Slack failed, the one it delivered, the new key's");
        assertTrue(Slack.readable(carrying.get(2)).contains(password), "the third carries the password that works");
        for (LoggedRequest r : carrying) {
            assertEquals("/api/chat.postMessage", r.getUrl());
            assertEquals(person, Flow.params(r).get("channel"), "only to its holder");
        }
        String database = db.dumpAllText();
        secrets.forEach(secret -> assertFalse(database.contains(secret), "a secret is in the database"));
        String captured = Files.readString(Path.of("target/quarkus-test-debug.log"), StandardCharsets.UTF_8);
        assertTrue(captured.contains("RESET_PASSWORD for request #"), "the log tells of the failed attempt (sanity)");
        secrets.forEach(secret -> assertFalse(captured.contains(secret), "a secret is in the log"));
    }
}
