package com.lightsailaccess.grant;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may hold access: members of the organisation, on Enterprise Grid too; not guests, strangers or the gone. */
@QuarkusTest
@BotTest
class EligibilityTest {

    @Inject
    Db db;

    Flow flow;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
    }

    static void usersInfo(String userId, String userJson) {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + userId)).willReturn(okJson("{\"ok\":true,\"user\":"
                        + userJson + "}")));
    }

    String requestState() {
        return (String) db.single("select state from access_request");
    }

    @Test
    void aGridMemberWhoseHomeIsAnotherWorkspaceOfTheSameOrganisationIsNotRefused() {
        usersInfo("U0GRID", "{\"id\":\"U0GRID\",\"team_id\":\"T0HOME\",\"deleted\":false,\"profile\":{\"email\":"
                + "\"grid@example.com\"},\"enterprise_user\":{\"id\":\"U0GRID\",\"enterprise_id\":\"E0ORG\","
                + "\"enterprise_name\":\"Org\",\"teams\":[\"T0HOME\"]}}");
        Slack.send(Slack.command("/lightsail-access", "U0GRID", "console grid", "trigger-" + UUID.randomUUID(),
                Map.of("enterprise_id", "E0ORG", "enterprise_name", "Org"))).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from access_request where approval_ts is not null and state = 'pending'") == 1);
        long id = (Long) db.single("select id from access_request");
        flow.approve(id);
        flow.awaitState(id, "active");
    }

    @Test
    void strangersGuestsAndOtherOrganisationsAreRefused() {
        usersInfo("U0STRANGER", "{\"id\":\"U0STRANGER\",\"team_id\":\"T0TEAM\",\"is_stranger\":true}");
        usersInfo("U0ULTRA", "{\"id\":\"U0ULTRA\",\"team_id\":\"T0TEAM\",\"is_ultra_restricted\":true}");
        usersInfo("U0ELSEWHERE", "{\"id\":\"U0ELSEWHERE\",\"team_id\":\"T0OTHER\",\"enterprise_user\":"
                + "{\"enterprise_id\":\"E0OTHERORG\",\"teams\":[\"T0OTHER\"]}}");
        for (String user : new String[] {"U0STRANGER", "U0ULTRA", "U0ELSEWHERE"}) {
            Slack.send(Slack.command("/lightsail-access", user, "console please", "trigger-" + UUID.randomUUID(),
                    Map.of("enterprise_id", "E0ORG"))).statusCode(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from access_request where state = 'cancelled'") == 3);
        assertEquals(0, db.count("select count(*) from access_request where approval_ts is not null"));
    }

    @Test
    void aMemberWhoBecameAGuestWhileTheRequestWaitedGetsNothing() {
        long id = flow.file(Flow.ALICE, "both deploy");
        usersInfo(Flow.ALICE, "{\"id\":\"" + Flow.ALICE + "\",\"team_id\":\"T0TEAM\",\"is_restricted\":true,"
                + "\"profile\":{\"email\":\"alice@example.com\"}}");
        flow.approve(id);
        flow.awaitState(id, "failed");
        assertTrue(Flow.changingIamActions().isEmpty(), Flow.changingIamActions().toString());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                flow.approvalMessage(id).blocks().toString().contains("Guest accounts"));
        assertTrue(Flow.dmsTo(Flow.ALICE).isEmpty(), "no credentials were sent");
    }

    @Test
    void aRequesterDeactivatedWhileTheRequestWaitedGetsNothing() {
        long id = flow.file(Flow.ALICE, "console deploy");
        usersInfo(Flow.ALICE, "{\"id\":\"" + Flow.ALICE + "\",\"team_id\":\"T0TEAM\",\"deleted\":true}");
        flow.approve(id);
        flow.awaitState(id, "failed");
        assertTrue(Flow.changingIamActions().isEmpty(), Flow.changingIamActions().toString());
        assertTrue(requestState().equals("failed"));
    }
}
