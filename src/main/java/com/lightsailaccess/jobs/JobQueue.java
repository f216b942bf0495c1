package com.lightsailaccess.jobs;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Adds work to the durable queue inside the caller's transaction (so a request and its follow-up commit together),
 * and wakes the local worker once that transaction has committed.
 */
@ApplicationScoped
public class JobQueue implements PanacheRepository<Job> {

    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final Event<JobsEnqueued> wake;

    public JobQueue(Clock clock, TransactionSynchronizationRegistry transactions, Event<JobsEnqueued> wake) {
        this.clock = clock;
        this.transactions = transactions;
        this.wake = wake;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Job enqueue(JobKind kind, Long requestId, String subject, String payload) {
        return enqueue(kind, requestId, subject, payload, null);
    }

    /** As {@link #enqueue(JobKind, Long, String, String)}; fails if an unfinished job has the same {@code dedupKey}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Job enqueue(JobKind kind, Long requestId, String subject, String payload, String dedupKey) {
        Job job = Job.of(kind, requestId, subject, payload, dedupKey, clock.instant());
        persist(job);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake.fireAsync(new JobsEnqueued());
                }
            }
        });
        return job;
    }

    /**
     * Adds the job unless one of the same kind for the same subject is waiting and not yet running: for work that
     * reads the current state when it runs (showing a request's state on its message), one waiting job is enough.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueUnlessWaiting(JobKind kind, Long requestId, String subject, String payload) {
        long waiting = count("#" + Job.WAITING, Parameters.with("kind", kind).and("subject", subject));
        if (waiting == 0) {
            enqueue(kind, requestId, subject, payload);
        }
    }

    /** The dedup keys of the unfinished jobs of this kind for this request. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> openKeys(JobKind kind, long requestId) {
        return getEntityManager().createNamedQuery(Job.OPEN_KEYS_OF_REQUEST, String.class)
                .setParameter("request", requestId).setParameter("kind", kind).getResultList();
    }

    /** Fired after a transaction that added work has committed. */
    public record JobsEnqueued() {
    }
}
