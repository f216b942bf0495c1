package com.lightsailaccess.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.request.Filing.FileOutcome;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.ServiceTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one-statement filing on the acknowledgement path writes the rows that the ordinary path (the entity, the
 * queue's {@code enqueue}, the model's change notice) writes for the same request: the same columns with the same
 * values, the ids, the person and the times aside. Read back as JSON of the whole row, so a column added to either
 * table and filled on one path only fails here.
 */
@QuarkusTest
@BotTest
class RequestFilingTest extends ServiceTest {

    static final String FILED = "UFILED0001";
    static final String ORDINARY = "UORDINARY1";

    @Inject
    Filing filing;

    @Inject
    AccessRequestRepository requests;

    @Inject
    JobQueue jobs;

    @Inject
    Followups followups;

    @Inject
    Clock clock;

    @Test
    void theFilingStatementWritesTheRowsTheOrdinaryPathWrites() {
        long filed = fileInOneStatement(FILED);
        long ordinary = fileTheOrdinaryWay(ORDINARY);

        assertEquals(rowOf(ordinary), rowOf(filed));
        List<List<Object>> jobsOfFiled = jobsOf(filed, FILED);
        assertEquals(1, jobsOfFiled.size(), "nobody has opened the Home tab: only the approval message's job");
        assertEquals(jobsOf(ordinary, ORDINARY), jobsOfFiled);
    }

    @Test
    void withAHomeTabOpenTheFilingStatementAlsoQueuesItsRefreshAsTheOrdinaryPathDoes() {
        db.update("insert into home_viewer (user_id, opened_at, is_admin) values ('UADMIN0001', now(), true)");

        long filed = fileInOneStatement(FILED);
        long ordinary = fileTheOrdinaryWay(ORDINARY);

        List<List<Object>> jobsOfFiled = jobsOf(filed, FILED);
        assertEquals(2, jobsOfFiled.size(), "the Home tabs' refresh and the approval message's job");
        assertEquals(jobsOf(ordinary, ORDINARY), jobsOfFiled);
    }

    private long fileInOneStatement(String who) {
        FileOutcome outcome = filing.file(new Requester(who, "T0001", null), AccessType.CONSOLE,
                GrantDuration.parse("8h").orElseThrow(), "ship the blog", "https://hooks.slack.test/r");
        return assertInstanceOf(FileOutcome.Filed.class, outcome).requestId();
    }

    private long fileTheOrdinaryWay(String who) {
        return QuarkusTransaction.requiringNew().call(() -> {
            AccessRequest request = AccessRequest.file(new Requester(who, "T0001", null), AccessType.CONSOLE,
                    GrantDuration.parse("8h").orElseThrow(), "ship the blog", "https://hooks.slack.test/r",
                    clock.instant());
            requests.persist(request);
            requests.flush();
            jobs.enqueue(PostApprovalMessage.TYPE, request.id(), who, null);
            followups.homeChanged(request.id());
            return request.id();
        });
    }

    /** The request's row without its id, person and times. */
    private Object rowOf(long id) {
        return db.single("select (to_jsonb(r) - 'id' - 'requester_id' - 'created_at' - 'updated_at')::text "
                + "from access_request r where id = ?", id);
    }

    /**
     * The request's jobs by kind (of different subjects, they run in no order of each other), without their ids and
     * times; the subject with the request and the person named by placeholders, and whether the job was due at once.
     */
    private List<List<Object>> jobsOf(long requestId, String who) {
        return db.rows("select (to_jsonb(j) - 'id' - 'request_id' - 'subject' - 'created_at' - 'run_after')::text, "
                + "replace(replace(j.subject, ?, '<who>'), j.request_id::text, '<id>'), j.run_after = j.created_at "
                + "from job j where j.request_id = ? order by j.kind", who, requestId);
    }
}
