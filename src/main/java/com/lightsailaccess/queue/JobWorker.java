package com.lightsailaccess.queue;

import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobQueue.LeaseLostException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
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
class JobWorker {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private final EntityManager em;
    private final Clock clock;
    private final JobAttempts attempts;
    /** The handlers by their type's name: the job row's {@code kind}. */
    private final Map<String, JobHandler<?>> handlers = new HashMap<>();
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
    private volatile boolean stopped;
    private final JobLeases leases;
    private volatile boolean paused;

    public JobWorker(EntityManager em, Clock clock, Instance<JobHandler<?>> all, JobsConfig settings,
            JobAttempts attempts) {
        this.em = em;
        this.clock = clock;
        this.attempts = attempts;
        this.lease = settings.lease();
        this.threads = settings.threads();
        for (JobHandler<?> handler : all) {
            JobHandler<?> before = handlers.put(handler.type().name(), handler);
            if (before != null) {
                throw new IllegalStateException("two handlers declare the job type " + handler.type() + ": "
                        + before.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.slots = new Semaphore(threads);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lightsail-job");
            t.setDaemon(true);
            return t;
        });
        this.leases = new JobLeases(em, clock, lease, workerId, running);
    }

    /**
     * Stops or resumes renewing leases, as a replica cut off from the database would: the way a test takes a lease
     * away from a running job.
     */
    public void renewing(boolean on) {
        leases.renewing(on);
    }

    /**
     * Claims nothing more and waits (at most {@code within}) until the jobs running here have finished; whether
     * they have. {@link #resume()} starts claiming again. A test empties the database between two of these, so that
     * no job of the last test writes into the next one.
     */
    public boolean pauseWhenIdle(Duration within) {
        paused = true;
        // A claim under way when the pause began finishes first: the jobs it claimed count as running from then on.
        drainLock.lock();
        drainLock.unlock();
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
        leases.stop();
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
            claimed = QuarkusTransaction.requiringNew().call(() -> attempts.claim(free, lease, running.keySet(),
                    workerId));
        } catch (RuntimeException e) {
            LOG.warnf("Could not claim jobs (the database may be unavailable): %s", e.getClass().getSimpleName());
            return;
        }
        for (Job job : claimed) {
            slots.acquireUninterruptibly();
            // Running from its claim on (its lease is renewed, a pause waits for it), not only once a thread has it.
            running.put(job.id(), job);
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
                running.remove(job.id());
                slots.release();
            }
        }
    }

    private void runOne(Job job) {
        try {
            runLeased(job);
        } finally {
            running.remove(job.id());
        }
    }

    private void runLeased(Job job) {
        JobHandler<?> handler = handlers.get(job.kind());
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
                LOG.warnf("%s: stopped, the lease was lost", JobAttempts.describe(job));
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
            if (outcome instanceof JobResult.Done && attempts.finishDone(job, workerId)) {
                return;
            }
            QuarkusTransaction.requiringNew().run(() -> attempts.settle(job, outcome,
                    handler == null ? job.attempts() : handler.maxAttempts(), handler != null, workerId));
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
    private void giveUp(Job job, JobHandler<?> handler) {
        String reason = job.lastError() != null ? job.lastError()
                : "its last attempt did not finish (the replica running it stopped)";
        if (job.lastError() == null) {
            attempts.countFailure(job, "gave_up", "attempt_lost");
            LOG.errorf("%s: attempt %d of %d did not finish (the replica running it stopped); giving up",
                    JobAttempts.describe(job), job.attempts() - 1, handler.maxAttempts());
        }
        try {
            job.checkLease();
            handler.giveUp(job, reason);
        } catch (LeaseLostException e) {
            LOG.warnf("%s: stopped, the lease was lost", JobAttempts.describe(job));
            return;
        } catch (Throwable e) {
            // Closed all the same: a give-up that fails every time must not be claimed again for ever.
            LOG.errorf("%s: telling of the give-up failed: %s", JobAttempts.describe(job),
                    e.getClass().getSimpleName());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> attempts.closeGivenUp(job, reason, workerId));
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the outcome of %s: %s", job, e.getClass().getSimpleName());
        }
    }

    int threads() {
        return threads;
    }
}
