package com.lightsailaccess.queue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Finished jobs are kept for {@code LIGHTSAIL_JOBS_RETENTION} and then deleted, a batch at a time, so that the
 * table (and the claim's scan of it) does not grow with every job the bot ever ran. Unfinished jobs are never
 * touched. Every replica may prune; a row is deleted once.
 */
@ApplicationScoped
class JobPruning {

    private static final Logger LOG = Logger.getLogger(JobPruning.class);
    /** Rows deleted per statement: short transactions, whatever the backlog. */
    static final int BATCH = 1000;

    private final EntityManager em;
    private final Clock clock;
    private final Duration retention;

    JobPruning(EntityManager em, Clock clock, JobsConfig settings) {
        this.em = em;
        this.clock = clock;
        this.retention = settings.retention();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prunePeriodically() {
        try {
            prune();
        } catch (RuntimeException e) {
            LOG.warnf("Could not prune finished jobs: %s", e.getClass().getSimpleName());
        }
    }

    /** Deletes the jobs that finished longer than the retention ago; how many. */
    int prune() {
        int deleted = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                    delete from job where id in (
                        select id from job where finished_at < :before order by finished_at limit :batch)
                    """).setParameter("before", clock.instant().minus(retention)).setParameter("batch", BATCH)
                    .executeUpdate());
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            LOG.infof("Pruned %d finished jobs older than %s", deleted, retention);
        }
        return deleted;
    }
}
