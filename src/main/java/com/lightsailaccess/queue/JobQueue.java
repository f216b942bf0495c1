package com.lightsailaccess.queue;

import com.lightsailaccess.queue.JobHandler.JobType;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * Adds work to the durable queue inside the caller's transaction (so a request and its follow-up commit together),
 * and wakes the local worker once that transaction has committed.
 */
@ApplicationScoped
public class JobQueue implements PanacheRepository<Job> {

    /** The job table and the columns a new job sets; the others take the schema's defaults. */
    static final String TABLE_AND_COLUMNS =
            "job (kind, request_id, subject, payload, dedup_key, run_after, created_at)";

    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<JobsEnqueued> wake;

    public JobQueue(Clock clock, TransactionSynchronizationRegistry transactions, Event<JobsEnqueued> wake) {
        this.clock = clock;
        this.transactions = transactions;
        this.wake = wake;
    }

    /**
     * Runs {@code work} in a transaction of its own that commits only while this worker still holds {@code job}: the
     * job's row is read under a lock with the claim's worker and attempt (the fencing token), so no other worker can
     * claim it until the work has committed (a claim takes {@code FOR UPDATE}, which {@code FOR KEY SHARE} holds off,
     * while the lease renewal's plain update goes through), and a worker that lost it writes nothing.
     */
    public <T> T fencedCall(Job job, Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            job.checkLease();
            boolean held = !getEntityManager().createNativeQuery("select 1 from job where id = :id and locked_by = "
                    + ":me and attempts = :token and finished_at is null for key share")
                    .setParameter("id", job.id()).setParameter("me", job.heldBy()).setParameter("token", job.token())
                    .getResultList().isEmpty();
            if (!held) {
                job.markLost();
                throw new LeaseLostException(job);
            }
            return work.get();
        });
    }

    /** {@link #fencedCall(Job, Supplier)} for work with no result. */
    public void fenced(Job job, Runnable work) {
        fencedCall(job, () -> {
            work.run();
            return null;
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends Record> Job enqueue(JobType<P> type, Long requestId, String subject, P payload) {
        return enqueue(type, requestId, subject, payload, null);
    }

    /** As {@link #enqueue(JobType, Long, String, Record)}; fails if an unfinished job has the same {@code dedupKey}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends Record> Job enqueue(JobType<P> type, Long requestId, String subject, P payload,
            String dedupKey) {
        Instant now = clock.instant();
        return add(type, requestId, subject, payload, dedupKey, now, now);
    }

    /**
     * A job that is not due before {@code runAfter}: a timer (a grant's end, a reminder). Give each timer a subject of
     * its own: jobs of one subject run in order, so a timer would hold back everything queued after it under the
     * same subject (another timer included) until it is due.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends Record> Job enqueueAt(JobType<P> type, Long requestId, String subject, P payload,
            String dedupKey, Instant runAfter) {
        return add(type, requestId, subject, payload, dedupKey, runAfter, clock.instant());
    }

    private <P extends Record> Job add(JobType<P> type, Long requestId, String subject, P payload, String dedupKey,
            Instant runAfter, Instant now) {
        Job job = Job.of(type.name(), requestId, subject, Job.encode(payload), dedupKey, now);
        job.retryAt(runAfter, null);
        persist(job);
        wakeAfterCommit();
        return job;
    }

    /**
     * Adds the job unless an unfinished one has the same {@code dedupKey} (then nothing happens: the one there
     * will do). Returns whether it was added.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends Record> boolean enqueueOnce(JobType<P> type, Long requestId, String subject, P payload,
            String dedupKey, Instant runAfter) {
        int added = getEntityManager().createNativeQuery("insert into " + TABLE_AND_COLUMNS
                + " values (:kind, :request, :subject, :payload, :key, :after, :now) "
                + "on conflict (dedup_key) where finished_at is null and dedup_key is not null do nothing")
                .setParameter("kind", type.name()).setParameter("request", requestId).setParameter("subject", subject)
                .setParameter("payload", Job.encode(payload)).setParameter("key", dedupKey)
                .setParameter("after", runAfter)
                .setParameter("now", clock.instant()).executeUpdate();
        if (added > 0) {
            wakeAfterCommit();
        }
        return added > 0;
    }

    /** Makes the unfinished, unclaimed job with this key due now; false when there is none to make due. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean makeDue(String dedupKey) {
        return getEntityManager().createNativeQuery("update job set run_after = :now where dedup_key = :key "
                + "and finished_at is null and locked_by is null").setParameter("now", clock.instant())
                .setParameter("key", dedupKey).executeUpdate() > 0;
    }

    /** Wakes the local worker for jobs that a statement outside any transaction (already committed) has added. */
    public void committed() {
        wake.fireAsync(new JobsEnqueued());
    }

    private void wakeAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed();
                }
            }
        });
    }

    /**
     * Adds the job unless one of the same kind for the same subject is waiting and not yet running: for work that
     * reads the current state when it runs (showing a request's state on its message), one waiting job is enough.
     * The waiting job is updated (made due now), which locks its row until the caller's transaction commits: a
     * worker's claim skips locked rows, so the job cannot run and read the state before this change is visible.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <P extends Record> void enqueueUnlessWaiting(JobType<P> type, Long requestId, String subject,
            P payload) {
        int waiting = getEntityManager().createNamedQuery(Job.TOUCH_WAITING).setParameter("now", clock.instant())
                .setParameter("kind", type.name()).setParameter("subject", subject).executeUpdate();
        if (waiting == 0) {
            enqueue(type, requestId, subject, payload);
        }
    }

    /** The dedup keys of the unfinished jobs of this type for this request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> openKeys(JobType<?> type, long requestId) {
        return getEntityManager().createNamedQuery(Job.OPEN_KEYS_OF_REQUEST, String.class)
                .setParameter("request", requestId).setParameter("kind", type.name()).getResultList();
    }

    /** Whether an earlier job of this type for the request ended failed (its failure was told then). */
    @Transactional
    public boolean failedBefore(JobType<?> type, long requestId, long jobId) {
        return !getEntityManager().createNativeQuery("select 1 from job where kind = :kind and request_id = :request "
                + "and id < :id and outcome = 'failed' limit 1").setParameter("kind", type.name())
                .setParameter("request", requestId).setParameter("id", jobId).getResultList().isEmpty();
    }

    /** Fired after a transaction that added work has committed. */
    public record JobsEnqueued() {
    }

    /**
     * This worker no longer holds the job: its lease could not be renewed in time, or another worker claimed the job.
     * The attempt stops before its next side effect, and nothing it would have written is kept.
     */
    public static class LeaseLostException extends RuntimeException {

        LeaseLostException(Job job) {
            super(job + " is no longer held by this worker");
        }
    }

    /**
     * The job row as SQL, for a statement that files work together with the rows it follows from in one round trip
     * (a request filed on the acknowledgement path). The columns and what goes into them are the queue's alone, so
     * such a statement writes the row {@link #enqueue} would write, and a column added to the job table is added here.
     * {@code insert into job ... select ... from <from>}: one job for every row of {@code from}. Its request is the
     * SQL expression {@code requestId} over that row, its subject the bound prefix followed by {@code subjectSuffix}
     * (an SQL expression, {@code ''} for none). Bind its parameters with {@link #bindInsert}, in the place where the
     * statement's text has this part.
     */
    public static String insertSelect(String requestId, String subjectSuffix, String from) {
        return "insert into " + TABLE_AND_COLUMNS + " select ?, " + requestId + ", ? || " + subjectSuffix
                + ", ?, ?, ?, ? from " + from;
    }

    /** Binds the parameters of one {@link #insertSelect} from index {@code i} on; returns the index after them. */
    public static <P extends Record> int bindInsert(PreparedStatement statement, int i, JobType<P> type,
            String subjectPrefix, P payload, Instant now) throws SQLException {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        statement.setString(++i, type.name());
        statement.setString(++i, subjectPrefix);
        statement.setString(++i, Job.encode(payload));
        statement.setString(++i, null);
        statement.setObject(++i, at);
        statement.setObject(++i, at);
        return i;
    }
}
