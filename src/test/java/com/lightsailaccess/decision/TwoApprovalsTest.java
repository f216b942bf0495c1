package com.lightsailaccess.decision;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LIGHTSAIL_APPROVALS_REQUIRED = 2: two distinct admins, the requester never counts, each approval counted once. */
@QuarkusTest
@BotTest
@TestProfile(TwoApprovalsTest.TwoAdmins.class)
class TwoApprovalsTest {

    public static class TwoAdmins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.approvals-required", "2");
        }
    }

    static final String ADMIN = SlackApiResource.ADMIN;
    static final String OTHER_ADMIN = SlackApiResource.OTHER_ADMIN;
    static final String GROUP_ADMIN = SlackApiResource.GROUP_ADMIN;

    @Inject
    Db db;

    @Inject
    AdminDirectory admins;

    Flow flow;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        // The admin user group is read again, as the stand-in now answers it.
        admins.forget();
    }

    @Test
    void oneApprovalIsShownAndCountedAndTheSecondAdminsProvisions() {
        long id = flow.file(Flow.ALICE, "console work");
        assertTrue(flow.approvalMessage(id).blocks().toString().contains("0 of 2 approvals"));
        Slack.send(Flow.click(ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> flow.approvalMessage(id).blocks().toString()
                .contains("1 of 2 approvals: <@" + ADMIN + ">"));
        assertEquals("pending", flow.state(id));
        assertEquals(0, Flow.iamCalls("CreateUser").size(), "one approval provisions nothing");

        // The same admin again: counted once.
        Slack.send(Flow.click(ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.responsesTo(ADMIN).stream()
                .anyMatch(r -> r.contains("already approved")));
        assertEquals("pending", flow.state(id));

        Slack.send(Flow.click(OTHER_ADMIN, "lightsail_approve", id)).statusCode(200);
        flow.awaitState(id, "active");
        assertEquals(2, db.count("select count(*) from approval where request_id = ?", id));
        assertEquals(List.of("1 of 2", "2 of 2"), db.rows("select detail from audit_event where request_id = ? "
                + "and action = 'approval' order by id", id).stream().map(r -> (String) r.get(0)).toList());
        assertEquals(1, Flow.iamSucceeded("CreateUser"));
        assertEquals(1, Flow.dmsTo(Flow.ALICE).stream().filter(m -> Slack.readable(m).contains("is ready")).count());
    }

    @Test
    void anApprovalFromSomeoneNoLongerAnAdminIsWithdrawnWhenTheLastOneComes() {
        long id = flow.file(Flow.ALICE, "console work");
        Slack.send(Flow.click(GROUP_ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> flow.approvalMessage(id).blocks().toString()
                .contains("1 of 2 approvals: <@" + GROUP_ADMIN + ">"));
        // The admin user group loses them before the second approval comes.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/usergroups.users.list")).atPriority(1)
                .willReturn(okJson("{\"ok\":true,\"users\":[]}")));
        admins.forget();

        Slack.send(Flow.click(OTHER_ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(OTHER_ADMIN).stream()
                .anyMatch(r -> r.contains("counts: 1 of 2") && r.contains("The approval of \\u003c@" + GROUP_ADMIN
                        + "\\u003e no longer counts")));
        assertEquals("pending", flow.state(id), "a former admin's approval does not count");
        await().atMost(Duration.ofSeconds(10)).until(() -> flow.approvalMessage(id).blocks().toString()
                .contains("1 of 2 approvals: <@" + OTHER_ADMIN + ">"));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = "
                + "'approval withdrawn' and detail like ?", id, GROUP_ADMIN + "%"));

        Slack.send(Flow.click(ADMIN, "lightsail_approve", id)).statusCode(200);
        flow.awaitState(id, "active");
        assertEquals(List.of(List.of(OTHER_ADMIN), List.of(ADMIN)), db.rows("select admin_id from approval "
                + "where request_id = ? order by approved_at", id));
    }

    @Test
    void theRequesterNeverCountsEvenWhenTheyAreAnAdmin() {
        SlackApiResource.person(ADMIN, "admin.one@example.com");
        long id = flow.file(ADMIN, "console my own");
        Slack.send(Flow.click(ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.responsesTo(ADMIN).stream()
                .anyMatch(r -> r.contains("your own request")));
        assertEquals(0, db.count("select count(*) from approval where request_id = ?", id));
        Slack.send(Flow.click(OTHER_ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from approval where request_id = ?", id) == 1);
        assertEquals("pending", flow.state(id), "the requester plus one admin is not two admins");
        Slack.send(Flow.click(GROUP_ADMIN, "lightsail_approve", id)).statusCode(200);
        flow.awaitState(id, "active");
        assertEquals(List.of(OTHER_ADMIN, GROUP_ADMIN), db.rows("select admin_id from approval where request_id = ? "
                + "order by approved_at, admin_id", id).stream().map(r -> (String) r.get(0)).toList());
    }

    @Test
    void twoAdminsApprovingAtOnceProvisionOnce() throws Exception {
        long id = flow.file(Flow.ALICE, "console work");
        String first = Flow.click(ADMIN, "lightsail_approve", id);
        String second = Flow.click(OTHER_ADMIN, "lightsail_approve", id);
        // Each admin also double-clicks: four clicks in the same instant.
        Slack.sendTogether(List.of(first, second, first, second));
        flow.awaitState(id, "active");
        assertEquals(2, db.count("select count(*) from approval where request_id = ?", id));
        assertEquals(2, db.count("select count(*) from audit_event where request_id = ? and action = 'approval'", id));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = 'approved'", id));
        assertEquals(1, db.count("select count(*) from job where request_id = ? and kind = 'PROVISION'", id));
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(Flow.ALICE).size() >= 1);
        assertEquals(1, Flow.iamSucceeded("CreateUser"));
        assertEquals(1, IamResource.iam().secretsIssued().size(), "one password, delivered once");
        assertEquals(1, Flow.dmsTo(Flow.ALICE).stream().filter(m -> Slack.readable(m).contains("is ready")).count());
    }
}
