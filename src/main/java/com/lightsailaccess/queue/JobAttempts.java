package com.lightsailaccess.queue;

import com.lightsailaccess.queue.JobHandler.JobResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * A job's attempts in the database: the claim that counts one and leases the job, and what the attempt leaves
 * behind, written only while it still holds the job (the worker and the attempt number are the fencing token):
 * done, failed, deferred, retried with backoff, or given up; one log line and one count per failure.
 */
@ApplicationScoped
class JobAttempts {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    /**
     * Claims up to {@code :limit} due jobs in one statement: picks them under a row lock ({@code FOR UPDATE SKIP
     * LOCKED}: a job another worker is claiming or running a step of is passed over, not waited for), counts the
     * attempt and leases them to this worker, and returns their rows. A lease is set and compared by the database's
     * clock, never a replica's: replicas whose clocks disagree can never both hold a job.
     */
    private static final String CLAIM = """
            with due as (
                select c.id from job c
                 where c.finished_at is null
                   and c.run_after <= :now
                   and (c.locked_until is null or c.locked_until < clock_timestamp())
                   and c.id not in (:mine)
                   and (c.subject is null or not exists (
                        select 1 from job o
                         where o.subject = c.subject and o.finished_at is null and o.id < c.id))
                 order by c.run_after, c.id
                 limit :limit
                 for update of c skip locked)
            update job j set locked_by = :me, locked_until = clock_timestamp() + make_interval(secs => :lease),
                             attempts = j.attempts + 1
              from due where j.id = due.id
            returning j.*
            """;

    /** Records a done attempt in one statement, while this attempt still holds the job. */
    private static final String DONE = """
            update job set outcome = 'done', last_error = null, finished_at = :now, locked_by = null,
                           locked_until = null
             where id = :id and locked_by = :me and attempts = :token and finished_at is null
            """;

    private final EntityManager em;
    private final Clock clock;
    private final MeterRegistry metrics;

    JobAttempts(EntityManager em, Clock clock, MeterRegistry metrics) {
        this.em = em;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Claims up to {@code limit} due jobs for {@code workerId}, none of those it is {@code running} already. */
    @SuppressWarnings("unchecked")
    List<Job> claim(int limit, Duration lease, Set<Long> running, String workerId) {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        List<Job> jobs = new ArrayList<>(em.createNativeQuery(CLAIM, Job.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .setParameter("mine", running.isEmpty() ? Set.of(-1L) : Set.copyOf(running))
                .setParameter("me", workerId)
                .setParameter("lease", lease.toMillis() / 1000.0)
                .getResultList());
        jobs.sort(Comparator.comparing(Job::runAfter).thenComparing(Job::id));
        for (Job job : jobs) {
            job.leased(workerId, until, clock);
        }
        return jobs;
    }

    /**
     * Records a done attempt (most attempts) in one statement; false when this attempt no longer holds the job, which
     * {@link #settle} then finds out again and logs.
     */
    boolean finishDone(Job attempt, String workerId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(DONE)
                .setParameter("now", clock.instant()).setParameter("id", attempt.id())
                .setParameter("me", workerId).setParameter("token", attempt.token()).executeUpdate() > 0);
    }

    /** Records the attempt's outcome. */
    void settle(Job attempt, JobResult result, int of, boolean retryable, String workerId) {
        Job job = stillHeld(attempt, workerId);
        if (job == null) {
            return;
        }
        Instant now = clock.instant();
        if (result instanceof JobResult.Done) {
            job.finish("done", null, now);
        } else if (result instanceof JobResult.Failed failed) {
            job.finish("failed", failed.reason(), now);
            countFailure(job, "failed", failed.code());
            LOG.errorf("%s: attempt %d of %d failed with %s (%s); not retried, it cannot succeed as it is",
                    describe(job), job.attempts(), of, failed.code(), failed.reason());
        } else if (result instanceof JobResult.Defer defer) {
            // Slack's Retry-After or the bot's own pacing: not a failure, so no WARN line and no count.
            job.deferTo(now.plus(defer.after()));
            LOG.debugf("%s: deferred until %s (Slack's Retry-After or the bot's pacing); not an attempt",
                    describe(job), now.plus(defer.after()));
        } else if (result instanceof JobResult.Retry retry) {
            if (retryable && job.attempts() >= of) {
                // Given up by the next claim, outside this transaction (see giveUp): at once, and durably.
                job.retryAt(now, retry.reason());
                countFailure(job, "gave_up", retry.code());
                LOG.errorf("%s: attempt %d of %d failed with %s (%s); giving up",
                        describe(job), job.attempts(), of, retry.code(), retry.reason());
            } else {
                Duration wait = retry.after().orElseGet(() -> backoff(job.attempts()));
                job.retryAt(now.plus(wait), retry.reason());
                countFailure(job, "retry", retry.code());
                LOG.warnf("%s: attempt %d of %d failed with %s (%s); next try at %s (in %s)", describe(job),
                        job.attempts(), of, retry.code(), retry.reason(), now.plus(wait), inWords(wait));
            }
        }
    }

    /** Closes a job that was given up, while this attempt still holds it. */
    void closeGivenUp(Job attempt, String reason, String workerId) {
        Job held = stillHeld(attempt, workerId);
        if (held != null) {
            held.finish("failed", reason, clock.instant());
        }
    }

    /** The job's row, locked, while this attempt still holds it; null when it is gone or was taken over. */
    private Job stillHeld(Job attempt, String workerId) {
        Job job = em.find(Job.class, attempt.id(), LockModeType.PESSIMISTIC_WRITE);
        if (job != null && (job.finishedAt() != null || !workerId.equals(job.lockedBy())
                || job.attempts() != attempt.token())) {
            // The lease ran out and another worker took the job over; its outcome is the one that counts.
            LOG.warnf("%s was taken over by another worker; not recording this attempt", describe(job));
            return null;
        }
        return job;
    }

    /** {@code PROVISION for request #12 (job #34)}; a job about a person rather than a request names the person. */
    static String describe(Job job) {
        return job.kind() + (job.requestId() != null ? " for request #" + job.requestId()
                : job.subject() != null ? " for " + job.subject() : "") + " (job #" + job.id() + ")";
    }

    static String inWords(Duration wait) {
        long millis = wait.toMillis();
        return millis < 60_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
                : String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
    }

    void countFailure(Job job, String outcome, String code) {
        metrics.counter("lightsail.job.failures", "kind", job.kind().toLowerCase(Locale.ROOT),
                "outcome", outcome, "error", code).increment();
    }

    /** Exponential backoff with full jitter: about 1 s, 2 s, 4 s … capped at 5 minutes. */
    static Duration backoff(int attempts) {
        long capMillis = Math.min(300_000L, 1000L << Math.min(attempts - 1, 20));
        long half = capMillis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
