package com.lightsailaccess.security;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A full approve cycle with every logger at DEBUG, then a search for the password and the secret access key in
 * every table, the whole captured log, and every message sent to Slack except the one credentials DM.
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
    void afterAFullCycleNeitherSecretIsAnywhereButTheOneDm() throws Exception {
        Flow flow = new Flow(db);
        flow.reset();
        SlackApiResource.person("U0SECRET", "secret.keeper@example.com");
        flow.grant("U0SECRET", "both keep it safe");

        FakeIam.User user = IamResource.iam().user("secret.keeper@example.com");
        String password = user.password;
        String secret = user.keys.values().iterator().next();
        assertNotNull(password);
        assertNotNull(secret);

        // The one DM has them (so the search below is looking for the right strings) ...
        List<LoggedRequest> toSlack = SlackApiResource.server().findAll(postRequestedFor(urlPathMatching("/.*")));
        List<LoggedRequest> dms = SlackApiResource.server().findAll(postRequestedFor(
                urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=U0SECRET")));
        assertEquals(1, dms.size());
        String dm = Slack.readable(dms.get(0));
        assertTrue(dm.contains(password) && dm.contains(secret));

        // ... and nothing else does.
        for (LoggedRequest r : toSlack) {
            if (r == dms.get(0) || r.getBodyAsString().equals(dms.get(0).getBodyAsString())) {
                continue;
            }
            String body = Slack.readable(r);
            assertFalse(body.contains(password) || body.contains(secret), "leaked to Slack: " + r.getUrl());
        }
        String database = db.dumpAllText();
        assertFalse(database.contains(password), "the password is in the database");
        assertFalse(database.contains(secret), "the secret access key is in the database");
        assertTrue(database.contains(user.keys.keySet().iterator().next()), "the key id is recorded (sanity)");

        Path log = Path.of("target/quarkus-test-debug.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(log) && Files.size(log) > 0);
        String captured = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(captured.contains("DEBUG"), "the log really ran at DEBUG");
        assertFalse(captured.contains(password), "the password is in the log");
        assertFalse(captured.contains(secret), "the secret access key is in the log");
        assertFalse(captured.contains(SlackApiResource.BOT_TOKEN), "the bot token is in the log");
        assertFalse(captured.contains(SlackApiResource.SIGNING_SECRET), "the signing secret is in the log");
        assertFalse(captured.contains("test-bot-secret-key"), "the bot's AWS secret is in the log");
    }
}
