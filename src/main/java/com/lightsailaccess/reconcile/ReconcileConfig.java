package com.lightsailaccess.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** As the environment gives it: {@link ReconcileSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface ReconcileConfig {

    /** {@code LIGHTSAIL_RECONCILE_EVERY}. */
    @WithDefault("15m")
    String reconcileEvery();

    /** {@code LIGHTSAIL_DORMANT_AFTER}: a duration, or {@code off}. */
    @WithDefault("90d")
    String dormantAfter();
}
