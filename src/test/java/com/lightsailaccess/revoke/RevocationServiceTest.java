package com.lightsailaccess.revoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.grant.Reveals.OpenRevocations;
import com.lightsailaccess.revoke.Revocation.RevokeOutcome;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.ServiceTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The revocation rules against PostgreSQL, without Slack: what a revocation changes and queues, once. The worker is
 * paused, so the queued jobs are read as they were queued.
 */
@QuarkusTest
@BotTest
class RevocationServiceTest extends ServiceTest {

    static final String PERSON = "U0REVOKED1";
    static final String ADMIN = "UADMIN0001";

    @Inject
    RevocationService revocations;

    @Inject
    OpenRevocations open;

    @Test
    void aPendingRequestRevokedIsCancelledAndItsRequesterIsToldAsOfADecision() {
        long id = file(PERSON, "30d");

        RevokeOutcome outcome = revocations.revokeRequest(id, false, ADMIN);

        assertEquals(new RevokeOutcome.PendingCancelled(id, PERSON), outcome);
        assertEquals("cancelled", db.single("select state from access_request where id = ?", id));
        assertEquals(List.of(List.of("ANNOUNCE_DECISION", PERSON), List.of("POST_APPROVAL_MESSAGE", PERSON),
                List.of("UPDATE_APPROVAL_MESSAGE", "approval-message:" + id)), jobsOf(id));
    }

    @Test
    void anActiveGrantRevokedTwiceIsRemovedOnceAndTheRevealSeesItOpen() {
        long id = file(PERSON, "30d");
        db.update("update access_request set state = 'active', iam_user_name = 'lightsail-revoked1' where id = ?", id);
        assertFalse(QuarkusTransaction.requiringNew().call(() -> open.revocationOpen(id)));

        RevokeOutcome first = revocations.revokeRequest(id, false, ADMIN);
        RevokeOutcome second = revocations.revokeRequest(id, false, ADMIN);

        assertEquals(new RevokeOutcome.Queued(id, PERSON, "lightsail-revoked1", false, false), first);
        assertEquals(new RevokeOutcome.InProgress(id, false), second);
        assertEquals(List.of(List.of("{\"mode\":\"REMOVE\",\"actor\":\"" + ADMIN + "\",\"why\":\"ADMIN\"}",
                Revocation.dedupKey(id, Revocation.Mode.REMOVE))), db.rows("select payload, dedup_key from job "
                + "where request_id = ? and kind = ?", id, Revocation.TYPE.name()));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> open.revocationOpen(id)));
    }

    private List<List<Object>> jobsOf(long id) {
        return db.rows("select kind, subject from job where request_id = ? and finished_at is null order by kind", id);
    }
}
