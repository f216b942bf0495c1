package com.lightsailaccess.queue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica whose clock runs ten minutes ahead never takes a job another replica holds under a live lease: leases are
 * set and compared by PostgreSQL's clock, not a JVM's.
 */
@QuarkusTest
@BotTest
@TestProfile(SkewedClockLeaseTest.TenMinutesAhead.class)
class SkewedClockLeaseTest {

    public static class TenMinutesAhead implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(SkewedClock.class);
        }
    }

    /** This replica's clock: ten minutes ahead of everyone else's (selected by the profile only). */
    @Alternative
    @Singleton
    public static class SkewedClock {
        @Produces
        @Singleton
        Clock clock() {
            return Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        }
    }

    @Inject
    Db db;

    @Inject
    Clock clock;

    @BeforeEach
    void reset() {
        Flow.fresh(db);
    }

    @Test
    void aReplicaWhoseClockIsAheadNeverTakesALiveLease() {
        assertEquals(true, clock.instant().isAfter(java.time.Instant.now().plusSeconds(500)), "the clock is skewed");
        // Another replica holds the job for 30 s more by the database's clock, and is renewing it.
        db.update("insert into job (kind, subject, run_after, attempts, locked_by, locked_until) values ('NOTIFY', "
                + "'held-elsewhere', now() - interval '1 minute', 1, 'worker-other', now() + interval '30 seconds')");
        // A due job beside it: once this replica has claimed that one, it has looked at the held one too.
        db.update("insert into job (kind, subject, run_after) values ('NOTIFY', 'marker', now())");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select attempts from job where subject = 'marker'")
                >= 1);
        assertEquals(List.of(List.of("worker-other", 1)), db.rows("select locked_by, attempts from job "
                + "where subject = 'held-elsewhere'"), "the lease is still the other replica's");
    }
}
