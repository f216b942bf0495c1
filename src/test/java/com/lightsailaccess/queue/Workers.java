package com.lightsailaccess.queue;

import io.quarkus.arc.Arc;
import java.time.Duration;

/** The tests' hold on the job worker of the running application, which the main code keeps to its package. */
public final class Workers {

    /** The worker's log category, for {@code LogCapture}. */
    public static final Class<?> LOG = JobWorker.class;

    private Workers() {
    }

    /** Stops claiming jobs once the running ones are done; false when they still run after {@code patience}. */
    public static boolean pauseWhenIdle(Duration patience) {
        return worker().pauseWhenIdle(patience);
    }

    public static void resume() {
        worker().resume();
    }

    private static JobWorker worker() {
        return Arc.container().instance(JobWorker.class).get();
    }
}
