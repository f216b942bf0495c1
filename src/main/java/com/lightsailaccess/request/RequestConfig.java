package com.lightsailaccess.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a request may ask for, as the environment gives it: {@link RequestSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface RequestConfig {

    /** {@code LIGHTSAIL_DEFAULT_ACCESS}. */
    @WithDefault("console")
    String defaultAccess();

    /** {@code LIGHTSAIL_DURATIONS}: the durations a request may ask for. */
    @WithDefault("1d,7d,30d,90d,permanent")
    String durations();

    /** {@code LIGHTSAIL_DEFAULT_DURATION}: one of the choices. */
    @WithDefault("30d")
    String defaultDuration();
}
