package com.lightsailaccess.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** As the environment gives it: {@link CredentialsSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface CredentialsConfig {

    /** {@code LIGHTSAIL_RESET_COOLDOWN}: at most one self-service password reset per person within this. */
    @WithDefault("10m")
    String resetCooldown();

    /** {@code LIGHTSAIL_KEY_MAX_AGE}: an active access key older than this gets its holder a DM; {@code off}. */
    @WithDefault("90d")
    String keyMaxAge();

    /** {@code LIGHTSAIL_KEY_ROTATION_OVERLAP}: how long the old key stays active, then inactive, after a rotation. */
    @WithDefault("7d")
    String keyRotationOverlap();

    /** {@code LIGHTSAIL_KEY_ROTATION_ENFORCE}: a key past its age and the overlap is made inactive. */
    @WithDefault("false")
    String keyRotationEnforce();

    /** {@code LIGHTSAIL_MFA_GRACE}: with MFA required, a console holder without a device after this is reminded. */
    @WithDefault("3d")
    String mfaGrace();
}
