package com.lightsailaccess.grant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How credentials reach people, as the environment gives it: {@link RevealSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface RevealConfig {

    /** {@code LIGHTSAIL_CREDENTIAL_DELIVERY}: {@code dm} or {@code reveal}. */
    @WithDefault("dm")
    String credentialDelivery();

    /** {@code LIGHTSAIL_REVEAL_WITHIN}: how long the Show credentials button works. */
    @WithDefault("24h")
    String revealWithin();
}
