package com.lightsailaccess.testing;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.queue.Workers;
import com.lightsailaccess.request.Filing.FileOutcome;
import com.lightsailaccess.request.Filing;
import io.quarkus.arc.Arc;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test of a feature's rules against PostgreSQL without Slack: each test starts with an empty database and a worker
 * that runs nothing (so the jobs a step queues are read as they were queued), and may file requests as the slash
 * command files them.
 */
public abstract class ServiceTest {

    @Inject
    protected Db db;

    @BeforeEach
    void emptyAndPause() {
        Flow.fresh(db);
        assertTrue(Workers.pauseWhenIdle(Duration.ofSeconds(20)), "the worker did not come to rest");
    }

    @AfterEach
    void resumeWorker() {
        Workers.resume();
    }

    /** A console request of {@code person} for {@code duration}, filed by the filing service; its id. */
    protected static long file(String person, String duration) {
        FileOutcome filed = Arc.container().instance(Filing.class).get().file(new Requester(person, "T0001", null),
                AccessType.CONSOLE, GrantDuration.parse(duration).orElseThrow(), "a reason",
                "https://hooks.slack.test/r");
        return assertInstanceOf(FileOutcome.Filed.class, filed).requestId();
    }

}
