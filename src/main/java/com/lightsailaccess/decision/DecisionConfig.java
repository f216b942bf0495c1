package com.lightsailaccess.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may decide, as the environment gives it: {@link DecisionSettingsCheck} reports a malformed value. */
@ConfigMapping(prefix = "lightsail")
interface DecisionConfig {

    /** {@code LIGHTSAIL_ALLOW_SELF_APPROVAL}. */
    @WithDefault("false")
    String allowSelfApproval();

    /** {@code LIGHTSAIL_APPROVALS_REQUIRED}: distinct admins; the requester never counts. */
    @WithDefault("1")
    String approvalsRequired();
}
