package com.lightsailaccess.queue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The heartbeat of a worker's running jobs: every third of the lease, one statement extends the lease of each job
 * this worker still holds, so a slow IAM call never lets a second replica start the same job.
 */
final class JobLeases {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    private static final String RENEW = """
            update job set locked_until = clock_timestamp() + make_interval(secs => :lease)
             where id in (:ids) and locked_by = :me and finished_at is null
            returning id
            """;

    private final EntityManager em;
    private final Clock clock;
    private final Duration lease;
    private final String workerId;
    private final Map<Long, Job> running;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lightsail-job-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean renewing = true;

    JobLeases(EntityManager em, Clock clock, Duration lease, String workerId, Map<Long, Job> running) {
        this.em = em;
        this.clock = clock;
        this.lease = lease;
        this.workerId = workerId;
        this.running = running;
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
        if (running.isEmpty() || !renewing) {
            return;
        }
        Instant until = clock.instant().plus(lease);
        Set<Long> ids = Set.copyOf(running.keySet());
        try {
            List<Number> renewed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(RENEW)
                    .setParameter("lease", lease.toMillis() / 1000.0)
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
                    LOG.warnf("%s: lease lost (another worker holds the job now); this attempt stops",
                            JobAttempts.describe(job));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not renew job leases: %s", e.getClass().getSimpleName());
        }
    }

    void renewing(boolean on) {
        this.renewing = on;
    }

    void stop() {
        heartbeat.shutdownNow();
    }
}
