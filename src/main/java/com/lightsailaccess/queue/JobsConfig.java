package com.lightsailaccess.queue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tuning of the durable job worker ({@code LIGHTSAIL_JOBS_*}); the defaults suit every deployment we know of. */
@ConfigMapping(prefix = "lightsail.jobs")
interface JobsConfig {

    /** How often a worker looks for due jobs besides being woken when one is added. */
    @WithDefault("1s")
    Duration poll();

    /**
     * How long a claimed job stays with its worker without a heartbeat before another replica may take it over. A
     * running job's lease is renewed every third of this, so a long job is never taken over while alive.
     */
    @WithDefault("PT30S")
    Duration lease();

    /** Jobs run at once per replica (they mostly wait for Slack and IAM). */
    @WithDefault("8")
    int threads();

    /**
     * How long a finished job's row is kept (its outcome, for operators and for what reconciliation looks back on)
     * before it is pruned.
     */
    @WithDefault("30d")
    Duration retention();
}
