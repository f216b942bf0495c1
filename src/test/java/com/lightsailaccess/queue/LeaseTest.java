package com.lightsailaccess.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.lightsailaccess.grant.BrokenProvisioning;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.LogCapture;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue fences its workers: a worker whose lease is gone stops before its next side effect and records nothing,
 * a job is never run twice at once in one replica, a job whose attempts all died with their JVM is given up, and no
 * database call can block for ever.
 */
@QuarkusTest
@BotTest
@TestProfile(LeaseTest.ShortLease.class)
class LeaseTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.jobs.lease", "PT1S");
        }
    }

    static final String ALICE = Flow.ALICE;

    @Inject
    Db db;

    @Inject
    JobWorker worker;

    @Inject
    AgroalDataSource dataSource;

    Flow flow;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
    }

    @AfterEach
    void renewAgain() {
        worker.renewing(true);
    }

    static long usersInfoCallsFor(String user) {
        return SlackApiResource.server().findAll(postRequestedFor(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + user))).size();
    }

    /** users.info about Alice answers 3 s late: the provisioning job is inside it while the test acts. */
    static StubMapping slowLookUp() {
        return SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + ALICE)).atPriority(1).willReturn(okJson(
                        "{\"ok\":true,\"user\":{\"id\":\"" + ALICE + "\",\"team_id\":\"T0TEAM\",\"name\":\"p\","
                                + "\"deleted\":false,\"profile\":{\"email\":\"" + Flow.ALICE_IAM + "\"}}}")
                        .withFixedDelay(3000)));
    }

    @Test
    void aWorkerThatCouldNotRenewItsLeaseStopsBeforeItsNextSideEffectAndRecordsNothing() {
        long id = flow.file(ALICE, "both lease");
        long lookUpsBefore = usersInfoCallsFor(ALICE);
        StubMapping slow = slowLookUp();
        // As if this replica were cut off from the database: its heartbeat renews nothing from now on.
        worker.renewing(false);
        try (LogCapture log = LogCapture.of(Workers.LOG)) {
            Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from job where kind = "
                    + "'PROVISION' and request_id = ? and locked_until < now()", id) == 1);
            // The lease has run out. Another replica claims the job, as its claim query allows now.
            assertEquals(1, db.update("update job set locked_by = 'worker-elsewhere', attempts = attempts + 1, "
                    + "locked_until = now() + interval '1 hour' where kind = 'PROVISION' and request_id = ?", id));
            await().atMost(Duration.ofSeconds(10)).until(() -> !log.lines("WARN", "the lease was lost").isEmpty());
        }
        assertEquals(lookUpsBefore + 1, usersInfoCallsFor(ALICE),
                "while the lease ran out, this replica never claimed the job it was running a second time");
        assertEquals(List.of(), Flow.changingIamActions(), "nothing was done in IAM after the lease was lost");
        assertTrue(Flow.dmsTo(ALICE).isEmpty(), "no credentials were sent");
        assertEquals("worker-elsewhere", db.single("select locked_by from job where kind = 'PROVISION' "
                + "and request_id = ?", id), "the lost attempt recorded no outcome over the new holder's claim");
        assertEquals("provisioning", flow.state(id));

        // The other replica goes away too; its lease runs out and this one finishes the job, once.
        SlackApiResource.server().removeStub(slow);
        worker.renewing(true);
        db.update("update job set locked_until = now() - interval '1 second' where kind = 'PROVISION' "
                + "and request_id = ?", id);
        flow.awaitState(id, "active");
        assertEquals(1, Flow.iamSucceeded("CreateUser"));
        assertEquals(1, Flow.iamSucceeded("CreateAccessKey"));
        assertEquals(1, IamResource.iam().user(Flow.ALICE_IAM).keys.size());
        assertEquals(1, Flow.dmsTo(ALICE).size());
    }

    @Test
    void aJobWhoseLastAttemptDiedWithItsReplicaIsGivenUpAndNotRunAgain() {
        long id = flow.file(ALICE, "console crashing");
        // Six attempts (PROVISION's maximum) were claimed and none came back: each replica running it died.
        db.update("update access_request set state = 'provisioning', decided_by = ?, decided_at = now() where id = ?",
                SlackApiResource.ADMIN, id);
        db.update("insert into job (kind, request_id, subject, attempts, locked_by, locked_until, run_after) values "
                + "('PROVISION', ?, ?, 6, 'worker-dead', now() - interval '1 second', now())", id, ALICE);
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(db.single(
                "select outcome from job where kind = 'PROVISION' and request_id = ?", id)));
        assertEquals(7, db.count("select attempts from job where kind = 'PROVISION' and request_id = ?", id));
        assertTrue(((String) db.single("select last_error from job where kind = 'PROVISION' and request_id = ?", id))
                .contains("did not finish"));
        assertEquals(0, Flow.iamCalls("CreateUser").size(), "the job was not run an eighth time");
        flow.awaitState(id, "failed");
    }

    @Test
    void aHandlerThatThrowsAnErrorIsRetriedThenGivenUpOutsideAnyTransaction() {
        BrokenProvisioning broken = BrokenProvisioning.install();
        long id = flow.file(ALICE, "console broken");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(db.single(
                "select outcome from job where kind = 'PROVISION' and request_id = ?", id)));
        assertEquals(List.of(false), broken.giveUpsInATransaction, "told once, after the job's transaction");
        assertTrue(((String) db.single("select last_error from job where kind = 'PROVISION' and request_id = ?", id))
                .contains("StackOverflowError"));
        assertEquals(3, db.count("select attempts from job where kind = 'PROVISION' and request_id = ?", id),
                "two attempts, and the claim that gave it up");
    }

    @Test
    void everyDatabaseConnectionHasASocketTimeout() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(30_000, connection.getNetworkTimeout());
        }
    }
}
