package com.lightsailaccess.slack;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.queue.Workers;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.LogCapture;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code SLACK_API_URL} pointing where nothing listens: the start-up check names the host and the cause at once,
 * readiness stays up and says so, and each failed job attempt names them too.
 */
@QuarkusTest
@BotTest
@TestProfile(SlackUnreachableTest.NothingListens.class)
class SlackUnreachableTest {

    /** Port 1 on the loopback: nothing listens there, so a connection is refused at once. */
    static final String NOWHERE = "127.0.0.1:1";

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("slack.api-url", "http://" + NOWHERE + "/api/");
        }
    }

    @Inject
    Db db;

    @Test
    void theHostAndTheCauseAreNamedAtStartUpInReadinessAndInEachFailedAttempt() throws IOException {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> RestAssured.get("/q/health/ready").then()
                .statusCode(200).body("status", containsString("UP"))
                .body("checks.data.slack", hasItem(containsString("could not reach " + NOWHERE + ": "))));
        String log = Files.readString(Path.of(SlackApiResource.LOG_FILE));
        assertTrue(log.contains("Slack's Web API could not be checked at start-up: auth.test failed: io_error (could "
                + "not reach " + NOWHERE + ": ConnectException"), "the start-up line names the host and the cause");

        db.reset();
        try (LogCapture jobs = LogCapture.of(Workers.LOG)) {
            Slack.send(Slack.command("/lightsail-access", Flow.ALICE, "console while Slack is away")).statusCode(200)
                    .body("text", containsString("filed"));
            await().atMost(Duration.ofSeconds(15)).until(() -> !jobs.lines("WARN", "POST_APPROVAL_MESSAGE").isEmpty());
            String line = jobs.lines("WARN", "POST_APPROVAL_MESSAGE").get(0);
            assertTrue(line.contains("failed: io_error (could not reach " + NOWHERE + ": ConnectException"), line);
        }
    }
}
