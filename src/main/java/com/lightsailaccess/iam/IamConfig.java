package com.lightsailaccess.iam;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the bot talks to IAM and STS. */
@ConfigMapping(prefix = "lightsail")
interface IamConfig {

    /** {@code LIGHTSAIL_AWS_CALL_TIMEOUT}: how long one IAM or STS call attempt may take before it is abandoned. */
    @WithDefault("PT10S")
    Duration awsCallTimeout();

    /**
     * {@code LIGHTSAIL_IAM_CONSISTENCY_WINDOW}: how long after creating a user, group or policy the bot keeps retrying
     * a call that IAM answers {@code NoSuchEntity} (IAM is eventually consistent), and
     * {@code EntityTemporarilyUnmodifiable}.
     */
    @WithDefault("PT1M")
    Duration iamConsistencyWindow();
}
