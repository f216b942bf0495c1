package com.lightsailaccess.lifetime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** As the environment gives it: {@link LifetimeSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface LifetimeConfig {

    /** {@code LIGHTSAIL_EXPIRY_REMINDER}: how long before its end a grant's holder is reminded. */
    @WithDefault("24h")
    String expiryReminder();
}
