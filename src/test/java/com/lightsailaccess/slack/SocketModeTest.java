package com.lightsailaccess.slack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.SlackApiResource;
import com.lightsailaccess.testing.SocketModeServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With SLACK_APP_TOKEN set, the same listeners answer over Socket Mode (a local WebSocket stands in for Slack). */
@QuarkusTest
@BotTest
@TestProfile(SocketModeTest.SocketMode.class)
class SocketModeTest {

    public static class SocketMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            SocketModeServer.instance();
            return Map.of("slack.app-token", "xapp-1-test-app-token");
        }
    }

    @Inject
    Db db;

    @Test
    void aSlashCommandOverSocketModeFilesTheRequestAndIsAcknowledged() {
        Flow flow = new Flow(db);
        flow.reset();
        SocketModeServer server = SocketModeServer.instance();
        await().atMost(Duration.ofSeconds(20)).until(server::connected);
        server.push("{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\",\"accepts_response_payload\":true,"
                + "\"payload\":{\"token\":\"x\",\"team_id\":\"" + SlackApiResource.TEAM + "\",\"team_domain\":\"example\","
                + "\"channel_id\":\"C0GENERAL\",\"channel_name\":\"general\",\"user_id\":\"U0SOCKET\","
                + "\"user_name\":\"sock\",\"command\":\"/lightsail-access\",\"text\":\"console over the socket\","
                + "\"api_app_id\":\"A0APP\",\"is_enterprise_install\":\"false\",\"response_url\":\""
                + SlackApiResource.responseUrl("socket") + "\",\"trigger_id\":\"trigger-socket-1\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> server.received().stream()
                .anyMatch(m -> m.contains("env-1")));
        String ack = server.received().stream().filter(m -> m.contains("env-1")).findFirst().orElseThrow();
        assertTrue(ack.contains("is filed"), ack);
        assertEquals("over the socket", db.single("select reason from access_request where requester_id = 'U0SOCKET'"));
        assertEquals("console", db.single("select access_type from access_request where requester_id = 'U0SOCKET'"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !Flow.approvalChannelPosts().isEmpty());
    }
}
