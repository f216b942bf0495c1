package com.lightsailaccess.slack;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests of the size real workspaces send. Slack puts the whole clicked message (every block, its metadata and
 * attachments) or the whole view into one form field, {@code payload}: several KB to tens of KB. All of it must
 * reach the bot, up to the 1 MiB body limit.
 */
@QuarkusTest
@BotTest
class RealPayloadsTest {

    @Inject
    Db db;

    Flow flow;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
    }

    @Test
    void aFortyKilobyteApproveClickReachesTheBotAndProvisions() {
        long id = flow.file(Flow.ALICE, "console deploy the blog");
        FakeSlack.Message message = flow.approvalMessage(id);
        // A message carries what the app attached to it; here, message metadata of the size a real workspace's
        // clicks reach (the bot's own message is only a few KB).
        Map<String, Object> metadata = Map.of("metadata", Map.of("event_type", "lightsail_request",
                "event_payload", Map.of("history", "é".repeat(14_000))));
        String click = Slack.click(SlackApiResource.ADMIN, message, "lightsail_approve", v -> true, metadata);
        assertTrue(click.getBytes(StandardCharsets.UTF_8).length > 40 * 1024, "the click is over 40 KB");

        Slack.send(click).statusCode(200);
        flow.awaitState(id, "active");
    }

    @Test
    void aSlashCommandWithMoreThanTwoKilobytesOfTextIsAnsweredNotRefused() {
        String text = "console " + "x".repeat(40 * 1024);
        Slack.send(Slack.command("/lightsail-access", "U0LONG", text)).statusCode(200)
                .body("response_type", equalTo("ephemeral"))
                .body("text", containsString("too long"));
        assertEquals(0, db.count("select count(*) from access_request"));
    }
}
