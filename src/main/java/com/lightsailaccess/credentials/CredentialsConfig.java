package com.lightsailaccess.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** As the environment gives it: {@link CredentialsSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface CredentialsConfig {

    /** {@code LIGHTSAIL_RESET_COOLDOWN}: at most one self-service password reset per person within this. */
    @WithDefault("10m")
    String resetCooldown();
}
