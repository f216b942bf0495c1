package com.lightsailaccess.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The {@code LIGHTSAIL_*} settings of the Slack side: who the admins are, and how fast the bot posts. */
@ConfigMapping(prefix = "lightsail")
interface LightsailSlackConfig {

    /** {@code LIGHTSAIL_ADMINS}: comma-separated Slack user IDs. */
    Optional<String> admins();

    /** {@code LIGHTSAIL_ADMIN_USERGROUP}. */
    Optional<String> adminUsergroup();

    /**
     * Posts to one Slack channel: a burst of this many, then one per {@link #slackPostInterval()}. Slack allows
     * about one message a second per channel, with short bursts.
     */
    @WithDefault("3")
    int slackPostBurst();

    @WithDefault("1s")
    Duration slackPostInterval();

    /** {@code LIGHTSAIL_BENCHMARK_BASELINE}: serve the benchmark's do-nothing endpoint. Never needed in production. */
    @WithDefault("false")
    boolean benchmarkBaseline();
}
