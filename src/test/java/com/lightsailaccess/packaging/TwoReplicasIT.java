package com.lightsailaccess.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged bot on one PostgreSQL: the same approval clicked on both at once provisions once,
 * and a provisioning job whose instance is killed (-9) mid-way is finished by the other.
 */
class TwoReplicasIT {

    static final int ROUNDS = 20;
    static StandInsForChildren standIns;
    static AppProcess a;
    static AppProcess b;

    @BeforeAll
    static void start() throws Exception {
        standIns = new StandInsForChildren();
        a = AppProcess.start(env(), List.of("-Dfile.encoding=UTF-8"));
        b = AppProcess.start(env(), List.of("-Dfile.encoding=UTF-8"));
        a.awaitReady(Duration.ofSeconds(90));
        b.awaitReady(Duration.ofSeconds(90));
    }

    static Map<String, String> env() {
        Map<String, String> env = standIns.env();
        // A short lease, so that the survivor takes over a dead replica's job within seconds.
        env.put("LIGHTSAIL_JOBS_LEASE", "PT3S");
        env.put("LIGHTSAIL_JOBS_POLL", "200ms");
        // A grant can last seconds, so that one ends during the test.
        env.put("LIGHTSAIL_DURATIONS", "6s,30d,permanent");
        return env;
    }

    /** The replica that holds the lease of this job now. */
    static AppProcess holderOf(String kind, long requestId) {
        String holder = (String) standIns.single("select locked_by from job where kind = ? and request_id = ? "
                + "and finished_at is null", kind, requestId);
        return holder.startsWith("worker-" + a.pid() + "-") ? a : b;
    }

    /** A replica a test killed is started again for the tests after it, whatever the test's outcome. */
    @AfterEach
    void bothReplicasUp() throws Exception {
        if (!a.process().isAlive()) {
            a = AppProcess.start(env(), List.of("-Dfile.encoding=UTF-8")).awaitReady(Duration.ofSeconds(90));
        }
        if (!b.process().isAlive()) {
            b = AppProcess.start(env(), List.of("-Dfile.encoding=UTF-8")).awaitReady(Duration.ofSeconds(90));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        standIns.close();
    }

    long file(AppProcess via, String user) throws Exception {
        SlackApiResource.person(user, user.toLowerCase() + "@example.com");
        assertEquals(200, via.send(Slack.command("/lightsail-access", user, "programmatic round")).statusCode());
        await().atMost(Duration.ofSeconds(15)).until(() -> standIns.count(
                "select count(*) from access_request where requester_id = ? and approval_ts is not null", user) == 1);
        return standIns.count("select id from access_request where requester_id = ?", user);
    }

    void awaitActive(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "active".equals(standIns.single("select state from access_request where id = ?", id)));
    }

    long iamCalls(String action, String user) {
        return standIns.iamServer.findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=" + action + "&"))
                .withRequestBody(containing(user.toLowerCase() + "%40example.com"))).size();
    }

    @Test
    void theSameApprovalClickedOnBothReplicasAtOnceProvisionsOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String user = String.format("U0TWIN%02d", round);
                long id = file(round % 2 == 0 ? a : b, user);
                String onA = Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id);
                String onB = Flow.click(SlackApiResource.OTHER_ADMIN, "lightsail_approve", id);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<Integer> ra = pool.submit(() -> {
                    together.await();
                    return a.send(onA).statusCode();
                });
                Future<Integer> rb = pool.submit(() -> {
                    together.await();
                    return b.send(onB).statusCode();
                });
                assertEquals(200, ra.get());
                assertEquals(200, rb.get());
                awaitActive(id);
                FakeIam.User made = standIns.iam.user(user.toLowerCase() + "@example.com");
                assertNotNull(made, "round " + round);
                assertEquals(1, made.keys.size(), "round " + round + ": one key");
                assertEquals(1, iamCalls("CreateUser", user), "round " + round + ": one CreateUser");
                assertEquals(1, iamCalls("CreateAccessKey", user), "round " + round + ": one CreateAccessKey");
                assertEquals(1, standIns.count("select count(*) from job where kind = 'PROVISION' and request_id = ?",
                        id));
                assertEquals(1, standIns.slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                        .withRequestBody(containing("channel=" + user))).size(), "round " + round + ": one DM");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aJobWhoseReplicaIsKilledMidWayIsFinishedByTheOther() throws Exception {
        String user = "U0KILLED";
        String iamName = "u0killed@example.com";
        // The first AddUserToGroup answers 5 s late: the replica running the job is inside it when it dies.
        standIns.iam.delayNext("AddUserToGroup", 1, 5000);
        long id = file(a, user);
        assertEquals(200, a.send(Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode());
        await().atMost(Duration.ofSeconds(15)).until(() -> iamCalls("AddUserToGroup", user) == 1);
        AppProcess victim = holderOf("PROVISION", id);
        AppProcess survivor = victim == a ? b : a;
        victim.kill();

        awaitActive(id);
        FakeIam.User made = standIns.iam.user(iamName);
        // The survivor tries CreateUser too (the bot may not read a user before creating it), and IAM says the
        // name is taken: still one user.
        assertEquals(1, standIns.iam.users().values().stream()
                .filter(u -> user.equals(u.tags.get("slack-user-id"))).count(), "no second user");
        assertEquals(1, made.keys.size(), "the dead replica's undelivered key was rotated away");
        assertEquals(1, standIns.slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + user))).size(), "one DM, from the survivor");
        // The job is marked done after its fenced delivery commits, so its row is read once it has finished.
        await().atMost(Duration.ofSeconds(15)).until(() -> standIns.single(
                "select finished_at from job where request_id = ? and kind = 'PROVISION'", id) != null);
        assertEquals("done", standIns.single("select outcome from job where request_id = ? and kind = 'PROVISION'",
                id));
        assertTrue(standIns.single("select locked_by from job where request_id = ? and kind = 'PROVISION'", id)
                == null, "the job is released");
        assertTrue(survivor.process().isAlive());
    }

    @Test
    void anExpiryWhoseReplicaIsKilledMidWayEndsTheGrantOnceOnTheOther() throws Exception {
        String user = "U0EXPIRING";
        String iamName = "u0expiring@example.com";
        SlackApiResource.person(user, iamName);
        assertEquals(200, a.send(Slack.command("/lightsail-access", user, "console for 6s short job")).statusCode());
        await().atMost(Duration.ofSeconds(15)).until(() -> standIns.count(
                "select count(*) from access_request where requester_id = ? and approval_ts is not null", user) == 1);
        long id = standIns.count("select id from access_request where requester_id = ?", user);
        assertEquals(200, b.send(Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode());
        awaitActive(id);
        // At the end, the first RemoveUserFromGroup answers 5 s late: the replica ending the grant dies inside it.
        standIns.iam.delayNext("RemoveUserFromGroup", 1, 5000);
        await().atMost(Duration.ofSeconds(20)).until(() -> iamCalls("RemoveUserFromGroup", user) == 1);
        AppProcess victim = holderOf("REVOKE", id);
        victim.kill();

        await().atMost(Duration.ofSeconds(30)).until(() ->
                "revoked".equals(standIns.single("select state from access_request where id = ?", id)));
        assertEquals("expired", standIns.single("select ended_how from access_request where id = ?", id));
        assertTrue(standIns.iam.user(iamName).groups.isEmpty(), "out of the group");
        assertNotNull(standIns.iam.user(iamName), "an expiry keeps the IAM user");
        assertEquals(1, standIns.count("select count(*) from job where kind = 'EXPIRE' and request_id = ?", id));
        assertEquals(1, standIns.count("select count(*) from job where kind = 'REVOKE' and request_id = ?", id));
        await().atMost(Duration.ofSeconds(15)).until(() -> standIns.slack.findAll(postRequestedFor(
                urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing("channel=" + user))).stream()
                .filter(dm -> Slack.readable(dm).contains("has ended: its time was up")).count() == 1);
        assertEquals(1, standIns.count("select count(*) from audit_event where request_id = ? and action = 'revoked'",
                id), "ended once");
    }
}
