package com.lightsailaccess.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The raw {@code LIGHTSAIL_*} settings. Values that need parsing stay strings here, so that a malformed one is
 * reported by {@link SettingsValidator} together with every other problem instead of failing alone.
 */
@ConfigMapping(prefix = "lightsail")
public interface LightsailSettingsMapping {

    /** {@code LIGHTSAIL_ADMINS}: comma-separated Slack user IDs. */
    Optional<String> admins();

    /** {@code LIGHTSAIL_ADMIN_USERGROUP}. */
    Optional<String> adminUsergroup();

    /** {@code LIGHTSAIL_ALLOW_SELF_APPROVAL}. */
    @WithDefault("false")
    String allowSelfApproval();

    /** {@code LIGHTSAIL_DEFAULT_ACCESS}. */
    @WithDefault("console")
    String defaultAccess();

    /** {@code LIGHTSAIL_IAM_GROUP}. */
    @WithDefault("LightsailFullAccessGroup")
    String iamGroup();

    /** {@code LIGHTSAIL_IAM_POLICY}. */
    @WithDefault("LightsailFullAccessPolicy")
    String iamPolicy();

    /**
     * {@code LIGHTSAIL_FIRST_SIGN_IN_POLICY}: the customer managed policy on the group that lets a new console user
     * change their own password at the first sign-in.
     */
    @WithDefault("LightsailFirstSignInPolicy")
    String firstSignInPolicy();

    /** {@code LIGHTSAIL_IAM_PATH}. */
    @WithDefault("/lightsail/")
    String iamPath();

    /** {@code LIGHTSAIL_DRY_RUN}: false unless set (dev mode without AWS credentials: true, see SettingsProducer). */
    Optional<String> dryRun();

    /** {@code LIGHTSAIL_BENCHMARK_BASELINE}: serve the benchmark's do-nothing endpoint. Never needed in production. */
    @WithDefault("false")
    boolean benchmarkBaseline();

    /** {@code LIGHTSAIL_DURATIONS}: the durations a request may ask for. */
    @WithDefault("1d,7d,30d,90d,permanent")
    String durations();

    /** {@code LIGHTSAIL_DEFAULT_DURATION}: one of the choices. */
    @WithDefault("30d")
    String defaultDuration();

    /** {@code LIGHTSAIL_EXPIRY_REMINDER}: how long before its end a grant's holder is reminded. */
    @WithDefault("24h")
    String expiryReminder();

    /** {@code LIGHTSAIL_RECONCILE_EVERY}. */
    @WithDefault("15m")
    String reconcileEvery();

    /** {@code LIGHTSAIL_DORMANT_AFTER}: a duration, or {@code off}. */
    @WithDefault("90d")
    String dormantAfter();

    /** {@code LIGHTSAIL_DORMANT_GRACE}. */
    @WithDefault("7d")
    String dormantGrace();

    /** {@code LIGHTSAIL_APPROVALS_REQUIRED}: distinct admins; the requester never counts. */
    @WithDefault("1")
    String approvalsRequired();

    /** {@code LIGHTSAIL_CREDENTIAL_DELIVERY}: {@code dm} or {@code reveal}. */
    @WithDefault("dm")
    String credentialDelivery();

    /** {@code LIGHTSAIL_REVEAL_WITHIN}: how long the Show credentials button works. */
    @WithDefault("24h")
    String revealWithin();

    /**
     * Posts to one Slack channel: a burst of this many, then one per {@link #slackPostInterval()}. Slack allows
     * about one message a second per channel, with short bursts.
     */
    @WithDefault("3")
    int slackPostBurst();

    @WithDefault("1s")
    Duration slackPostInterval();
}
