package com.lightsailaccess.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.ServiceTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision rules against PostgreSQL, without Slack: what an Approve or a Deny changes, and the work each one
 * queues in its own transaction, its own and the other features' (the lifetime's timers, the approval message's
 * update). The worker is paused, so the queued jobs are read as they were queued.
 */
@QuarkusTest
@BotTest
class DecisionServiceTest extends ServiceTest {

    static final String PERSON = "U0DECIDED1";
    static final String ADMIN = "UADMIN0001";

    @Inject
    DecisionService decisions;

    @Test
    void anApprovalOfAGrantWithAnEndQueuesItsProvisioningItsEndAndItsReminderTogether() {
        long id = file(PERSON, "30d");

        Decision decision = decisions.approve(id, ADMIN, false, admin -> AdminDirectory.Verdict.ADMIN);

        assertEquals(new Decision.Made(id, PERSON, RequestState.APPROVED), decision);
        assertEquals("approved", db.single("select state from access_request where id = ?", id));
        assertEquals(List.of(List.of("EXPIRE", "expire:" + id, true), List.of("POST_APPROVAL_MESSAGE", PERSON, false),
                List.of("PROVISION", PERSON, false), List.of("REMIND", "remind:" + id, true),
                List.of("UPDATE_APPROVAL_MESSAGE", "approval-message:" + id, false)), jobsOf(id));
        assertEquals(1, db.count("select count(*) from job where request_id = ? and kind = 'EXPIRE' "
                + "and run_after = (select ends_at from access_request where id = ?)", id, id),
                "the end's timer is due at the grant's end");
    }

    @Test
    void aPermanentGrantHasNoTimersAndASecondApprovalChangesNothing() {
        long id = file(PERSON, "permanent");

        decisions.approve(id, ADMIN, false, admin -> AdminDirectory.Verdict.ADMIN);
        Decision again = decisions.approve(id, "UADMIN0002", false, admin -> AdminDirectory.Verdict.ADMIN);

        assertInstanceOf(Decision.AlreadyDecided.class, again);
        assertEquals(List.of(List.of("POST_APPROVAL_MESSAGE", PERSON, false), List.of("PROVISION", PERSON, false),
                List.of("UPDATE_APPROVAL_MESSAGE", "approval-message:" + id, false)), jobsOf(id));
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequestAndNothingIsQueued() {
        long id = file(PERSON, "30d");

        Decision decision = decisions.approve(id, PERSON, false, admin -> AdminDirectory.Verdict.ADMIN);

        assertEquals(new Decision.OwnRequest(id), decision);
        assertEquals("pending", db.single("select state from access_request where id = ?", id));
        assertEquals(List.of(List.of("POST_APPROVAL_MESSAGE", PERSON, false)), jobsOf(id));
    }

    @Test
    void aDenialQueuesTheRequestersAnswerAndNoProvisioning() {
        long id = file(PERSON, "30d");

        Decision decision = decisions.deny(id, ADMIN);

        assertEquals(new Decision.Made(id, PERSON, RequestState.DENIED), decision);
        assertEquals(List.of(List.of("ANNOUNCE_DECISION", PERSON, false), List.of("POST_APPROVAL_MESSAGE", PERSON,
                false), List.of("UPDATE_APPROVAL_MESSAGE", "approval-message:" + id, false)), jobsOf(id));
    }

    /** The request's open jobs by kind: kind, subject, and whether it waits (a timer). */
    private List<List<Object>> jobsOf(long id) {
        return db.rows("select kind, subject, run_after > created_at + interval '1 minute' from job "
                + "where request_id = ? and finished_at is null order by kind", id);
    }
}
