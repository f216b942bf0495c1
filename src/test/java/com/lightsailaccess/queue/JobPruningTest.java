package com.lightsailaccess.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finished jobs are kept for the retention (30 days by default) and then pruned; unfinished ones never are. */
@QuarkusTest
@BotTest
class JobPruningTest {

    @Inject
    Db db;

    @Inject
    JobPruning pruning;

    @BeforeEach
    void reset() {
        Flow.fresh(db);
    }

    void job(String subject, String finishedAgo) {
        db.update("insert into job (kind, subject, run_after, created_at, finished_at, outcome) values ('NOTIFY', ?, "
                + "now() + interval '1 day', now() - interval '40 days', "
                + (finishedAgo == null ? "null, null" : "now() - interval '" + finishedAgo + "', 'done'") + ")",
                subject);
    }

    @Test
    void finishedJobsOlderThanTheRetentionArePrunedAndNothingElse() {
        job("old-done", "31 days");
        job("old-failed", "45 days");
        db.update("update job set outcome = 'failed' where subject = 'old-failed'");
        job("recent", "29 days");
        job("unfinished", null);
        // More than one batch of old ones, so that the pruning goes on until none is left.
        db.update("insert into job (kind, subject, finished_at, outcome) select 'NOTIFY', 'bulk-' || n, "
                + "now() - interval '60 days', 'done' from generate_series(1, " + (JobPruning.BATCH + 5) + ") n");

        assertEquals(JobPruning.BATCH + 7, pruning.prune());
        assertEquals(List.of(List.of("recent"), List.of("unfinished")),
                db.rows("select subject from job order by subject"));
        assertEquals(0, pruning.prune(), "nothing more to prune");
    }
}
