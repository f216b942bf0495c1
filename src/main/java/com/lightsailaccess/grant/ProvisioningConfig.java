package com.lightsailaccess.grant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * What the bot provisions in IAM, as the environment gives it: {@link ProvisioningSettingsCheck} reports a malformed
 * value with every other problem.
 */
@ConfigMapping(prefix = "lightsail")
interface ProvisioningConfig {

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

    /** {@code LIGHTSAIL_REQUIRE_MFA}: {@code off} or {@code console}. */
    @WithDefault("off")
    String requireMfa();

    /** {@code LIGHTSAIL_MFA_POLICY}: the customer managed policy on the group that requires MFA in the console. */
    @WithDefault("LightsailRequireMfaPolicy")
    String mfaPolicy();

    /** {@code LIGHTSAIL_IAM_PATH}. */
    @WithDefault("/lightsail/")
    String iamPath();

    /** {@code LIGHTSAIL_ACCESS_LEVELS}: the levels file; unset, one level from the group and policy above. */
    Optional<String> accessLevels();

    /** {@code LIGHTSAIL_DRY_RUN}: false unless set (dev mode without AWS credentials: true). */
    Optional<String> dryRun();
}
