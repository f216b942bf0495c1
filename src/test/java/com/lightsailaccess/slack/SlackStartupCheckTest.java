package com.lightsailaccess.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.queue.Workers;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.LogCapture;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A refused bot token is named at once, and again wherever it shows: the job's log line and readiness's details. */
@QuarkusTest
@BotTest
class SlackStartupCheckTest {

    @Inject
    Db db;

    @Inject
    SlackStartupCheck startupCheck;

    @BeforeEach
    void reset() {
        Flow.fresh(db);
    }

    @Test
    void aRefusedTokenIsOneLineNamingTheSettingAndReadinessSaysSoWhileStayingUp() {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/auth.test"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        try (LogCapture log = LogCapture.of(SlackStartupCheck.class)) {
            startupCheck.check();
            List<String> errors = log.lines("ERROR", "SLACK_BOT_TOKEN");
            assertEquals(1, errors.size(), log.lines().toString());
            assertTrue(errors.get(0).contains("Slack refused SLACK_BOT_TOKEN (invalid_auth)"), errors.get(0));
        }
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", containsString("UP"))
                .body("checks.data.slack", hasItem(containsString("Slack refused SLACK_BOT_TOKEN")));
    }

    @Test
    void aJobThatMeetsARefusedTokenSaysWhichSettingIsWrong() {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"token_revoked\"}")));
        try (LogCapture log = LogCapture.of(Workers.LOG)) {
            Slack.send(Slack.command("/lightsail-access", Flow.ALICE, "console x")).statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> !log.lines("ERROR", "POST_APPROVAL_MESSAGE").isEmpty());
            String line = log.lines("ERROR", "POST_APPROVAL_MESSAGE").get(0);
            assertTrue(line.contains("chat.postMessage failed: token_revoked (Slack refused SLACK_BOT_TOKEN)"), line);
        }
    }

    @Test
    void answeringAgainIsShownAsAnswering() {
        startupCheck.check();
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.data.slack", hasItem("answering"));
    }
}
