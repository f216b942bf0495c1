package com.lightsailaccess.revoke;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** As the environment gives it: {@link RevokeSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface RevokeConfig {

    /** {@code LIGHTSAIL_DORMANT_GRACE}: no answer within this after the "still needed?" message → revoked. */
    @WithDefault("7d")
    String dormantGrace();
}
