package com.lightsailaccess.queue;

import com.lightsailaccess.queue.JobQueue.LeaseLostException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Claims due jobs from PostgreSQL and runs them. Several replicas may run this against one database: a job is
 * claimed with {@code FOR UPDATE SKIP LOCKED} and held under a lease, so exactly one worker has it at a time, and a
 * worker that dies leaves it to be claimed again when the lease runs out. While a job runs, its worker renews the
 * lease (a heartbeat every third of it), so a slow IAM call never lets a second replica start the same job. Only
 * the oldest unfinished job of a person is claimable, so one person's jobs (a provisioning, then a revocation) run
 * one after the other.
 *
 * <p>Every failed attempt is visible where operators look: one WARN line (which job, for which request, attempt k
 * of n, the error code, when the next try is), an ERROR line when the job gives up or cannot succeed, and the
 * counter {@code lightsail_job_failures_total{kind, outcome, error}}. The reasons come from
 * {@code SlackCallException} and {@code IamFailure}, whose messages carry a call and an error code only, never a
 * request's parameters or a token.
 */
@ApplicationScoped
public class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private static final String RENEW = """
            update job set locked_until = :until
             where id in (:ids) and locked_by = :me and finished_at is null
            returning id
            """;

    /**
     * Claims up to {@code :limit} due jobs in one statement: picks them under a row lock ({@code FOR UPDATE SKIP
     * LOCKED}: a job another worker is claiming or running a step of is passed over, not waited for), counts the
     * attempt and leases them to this worker, and returns their rows.
     */
    private static final String CLAIM = """
            with due as (
                select c.id from job c
                 where c.finished_at is null
                   and c.run_after <= :now
                   and (c.locked_until is null or c.locked_until < :now)
                   and c.id not in (:mine)
                   and (c.subject is null or not exists (
                        select 1 from job o
                         where o.subject = c.subject and o.finished_at is null and o.id < c.id))
                 order by c.run_after, c.id
                 limit :limit
                 for update of c skip locked)
            update job j set locked_by = :me, locked_until = :until, attempts = j.attempts + 1
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
    private final Map<JobKind, JobHandler> handlers = new EnumMap<>(JobKind.class);
    /** The process id makes a lease traceable to a replica (and lets a test kill the right one). */
    private final String workerId = "worker-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final Duration lease;
    private final int threads;
    private final Semaphore slots;
    private final ExecutorService pool;
    private final ReentrantLock drainLock = new ReentrantLock();
    /** Set by every call of {@link #drain()}; the drain under way claims once more while it is set. */
    private final AtomicBoolean drainWanted = new AtomicBoolean();
    /** The jobs this worker is running: never claimed a second time here, even when their lease ran out. */
    private final Map<Long, Job> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lightsail-job-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopped;
    private volatile boolean renewing = true;
    private volatile boolean paused;

    public JobWorker(EntityManager em, Clock clock, Instance<JobHandler> all, JobsConfig settings,
            MeterRegistry metrics) {
        this.em = em;
        this.clock = clock;
        this.metrics = metrics;
        this.lease = settings.lease();
        this.threads = settings.threads();
        for (JobHandler handler : all) {
            handlers.put(handler.kind(), handler);
        }
        this.slots = new Semaphore(threads);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lightsail-job");
            t.setDaemon(true);
            return t;
        });
        long beat = Math.max(200, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewLeases, beat, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * Extends the lease of every job this worker is running. A job whose row this worker no longer holds (another
     * worker claimed it after the lease ran out) is marked lost, and so is one whose lease ran out while the database
     * could not be reached: its handler stops before its next side effect ({@link Job#checkLease()}).
     */
    @SuppressWarnings("unchecked")
    void renewLeases() {
        if (running.isEmpty() || stopped || !renewing) {
            return;
        }
        Instant until = clock.instant().plus(lease);
        Set<Long> ids = Set.copyOf(running.keySet());
        try {
            List<Number> renewed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(RENEW)
                    .setParameter("until", until)
                    .setParameter("ids", ids)
                    .setParameter("me", workerId)
                    .getResultList());
            Set<Long> held = new HashSet<>();
            renewed.forEach(id -> held.add(id.longValue()));
            for (Long id : ids) {
                Job job = running.get(id);
                if (job == null) {
                    continue;
                }
                if (held.contains(id)) {
                    job.renewedUntil(until);
                } else {
                    job.markLost();
                    LOG.warnf("%s: lease lost (another worker holds the job now); this attempt stops", describe(job));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not renew job leases: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * Stops or resumes renewing leases, as a replica cut off from the database would: the way a test takes a lease
     * away from a running job.
     */
    public void renewing(boolean on) {
        this.renewing = on;
    }

    /**
     * Claims nothing more and waits (at most {@code within}) until the jobs running here have finished; whether
     * they have. {@link #resume()} starts claiming again. A test empties the database between two of these, so that
     * no job of the last test writes into the next one.
     */
    public boolean pauseWhenIdle(Duration within) {
        paused = true;
        long deadline = System.nanoTime() + within.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return running.isEmpty();
    }

    public void resume() {
        paused = false;
        drain();
    }

    /** Polls for due work (retries that came due, work from other replicas, leases that ran out). */
    @Scheduled(every = "${lightsail.jobs.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    void onEnqueued(@ObservesAsync JobQueue.JobsEnqueued event) {
        drain();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        heartbeat.shutdownNow();
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Claims as many due jobs as there are free threads and starts them. Calls are coalesced: one that finds a drain
     * under way leaves it a note and returns at once, and that drain claims once more before it ends. Every command
     * and click wakes the worker (on one of Quarkus's worker threads, which also answer Slack), so in a burst
     * callers would otherwise queue on the lock, each holding a thread that a request needs.
     */
    public void drain() {
        drainWanted.set(true);
        while (drainWanted.get() && drainLock.tryLock()) {
            try {
                drainWanted.set(false);
                if (!stopped && !paused) {
                    claimAndStart();
                }
            } finally {
                drainLock.unlock();
            }
        }
    }

    private void claimAndStart() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        List<Job> claimed;
        try {
            claimed = QuarkusTransaction.requiringNew().call(() -> claim(free));
        } catch (RuntimeException e) {
            LOG.warnf("Could not claim jobs (the database may be unavailable): %s", e.getClass().getSimpleName());
            return;
        }
        for (Job job : claimed) {
            slots.acquireUninterruptibly();
            try {
                pool.execute(() -> {
                    try {
                        runOne(job);
                    } finally {
                        slots.release();
                    }
                    // A free thread looks for the next job at once rather than at the next poll, so a
                    // backlog drains at full speed.
                    drain();
                });
            } catch (RuntimeException rejected) {
                slots.release();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Job> claim(int limit) {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        List<Job> jobs = new ArrayList<>(em.createNativeQuery(CLAIM, Job.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .setParameter("mine", running.isEmpty() ? Set.of(-1L) : Set.copyOf(running.keySet()))
                .setParameter("me", workerId)
                .setParameter("until", until)
                .getResultList());
        jobs.sort(Comparator.comparing(Job::runAfter).thenComparing(Job::id));
        for (Job job : jobs) {
            job.leased(workerId, until, clock);
        }
        return jobs;
    }

    private void runOne(Job job) {
        running.put(job.id(), job);
        try {
            runLeased(job);
        } finally {
            running.remove(job.id());
        }
    }

    private void runLeased(Job job) {
        JobHandler handler = handlers.get(job.kind());
        JobResult result;
        if (handler == null) {
            result = JobResult.failed("no handler for " + job.kind());
        } else if (job.attempts() > handler.maxAttempts()) {
            giveUp(job, handler);
            return;
        } else {
            try {
                result = handler.run(job);
            } catch (LeaseLostException e) {
                // Another worker holds the job now: its outcome is the one that counts; record nothing.
                LOG.warnf("%s: stopped, the lease was lost", describe(job));
                return;
            } catch (Throwable e) {
                // Unknown trouble (the database restarting, a bug, an Error): retry with backoff and give up in the
                // end. Only the class is logged: an exception message from a lower layer is not trusted to be clean.
                result = new JobResult.Retry("unexpected error (" + e.getClass().getSimpleName() + ")",
                        e.getClass().getSimpleName(), Optional.empty());
            }
        }
        JobResult outcome = result;
        try {
            if (outcome instanceof JobResult.Done && finishDone(job)) {
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> settle(job, outcome, handler));
        } catch (RuntimeException e) {
            // The lease runs out and the job is claimed again: every handler step is safe to repeat.
            LOG.warnf("Could not record the outcome of %s: %s", job, e.getClass().getSimpleName());
        }
    }

    /**
     * A job past its last attempt. Attempts are counted when a job is claimed, so this is one whose last attempt
     * failed (the worker left it to be given up here, outside any transaction) or never came back (its replica died
     * in the middle, perhaps because of this very job). The people concerned are told, then the job is closed: a
     * replica that dies in between leaves the job to the next claim, which tells them again rather than never.
     */
    private void giveUp(Job job, JobHandler handler) {
        String reason = job.lastError() != null ? job.lastError()
                : "its last attempt did not finish (the replica running it stopped)";
        if (job.lastError() == null) {
            countFailure(job, "gave_up", "attempt_lost");
            LOG.errorf("%s: attempt %d of %d did not finish (the replica running it stopped); giving up",
                    describe(job), job.attempts() - 1, handler.maxAttempts());
        }
        try {
            job.checkLease();
            handler.giveUp(job, reason);
        } catch (LeaseLostException e) {
            LOG.warnf("%s: stopped, the lease was lost", describe(job));
            return;
        } catch (Throwable e) {
            // Closed all the same: a give-up that fails every time must not be claimed again for ever.
            LOG.errorf("%s: telling of the give-up failed: %s", describe(job), e.getClass().getSimpleName());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Job held = stillHeld(job);
                if (held != null) {
                    held.finish("failed", reason, clock.instant());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the outcome of %s: %s", job, e.getClass().getSimpleName());
        }
    }

    /** The job's row, locked, while this attempt still holds it; null when it is gone or was taken over. */
    private Job stillHeld(Job attempt) {
        Job job = em.find(Job.class, attempt.id(), LockModeType.PESSIMISTIC_WRITE);
        if (job != null && (job.finishedAt() != null || !workerId.equals(job.lockedBy())
                || job.attempts() != attempt.token())) {
            // The lease ran out and another worker took the job over; its outcome is the one that counts.
            LOG.warnf("%s was taken over by another worker; not recording this attempt", describe(job));
            return null;
        }
        return job;
    }

    /**
     * Records a done attempt (most attempts) in one statement; false when this attempt no longer holds the job, which
     * {@link #settle} then finds out again and logs.
     */
    private boolean finishDone(Job attempt) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(DONE)
                .setParameter("now", clock.instant()).setParameter("id", attempt.id())
                .setParameter("me", workerId).setParameter("token", attempt.token()).executeUpdate() > 0);
    }

    /** Records the attempt's outcome. */
    private void settle(Job attempt, JobResult result, JobHandler handler) {
        Job job = stillHeld(attempt);
        if (job == null) {
            return;
        }
        Instant now = clock.instant();
        int of = handler == null ? job.attempts() : handler.maxAttempts();
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
            if (handler != null && job.attempts() >= of) {
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

    private void countFailure(Job job, String outcome, String code) {
        metrics.counter("lightsail.job.failures", "kind", job.kind().name().toLowerCase(Locale.ROOT),
                "outcome", outcome, "error", code).increment();
    }

    /** Exponential backoff with full jitter: about 1 s, 2 s, 4 s … capped at 5 minutes. */
    static Duration backoff(int attempts) {
        long capMillis = Math.min(300_000L, 1000L << Math.min(attempts - 1, 20));
        long half = capMillis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    int threads() {
        return threads;
    }
}
