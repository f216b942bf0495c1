package com.lightsailaccess.config;

import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.CredentialDelivery;
import com.lightsailaccess.model.Lifetimes;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the bot, validated. Built once at start-up by {@link SettingsValidator}.
 * The tokens and the signing secret are secrets: {@link #toString()} never shows them.
 */
public record BotSettings(
        String slackBotToken,
        Optional<String> slackSigningSecret,
        Optional<String> slackAppToken,
        String slackApiUrl,
        String approvalChannel,
        Set<String> admins,
        Optional<String> adminUsergroup,
        boolean allowSelfApproval,
        AccessType defaultAccess,
        String iamGroup,
        String iamPolicy,
        String firstSignInPolicy,
        String iamPath,
        boolean dryRun,
        Lifetimes lifetimes,
        CredentialDelivery delivery) {

    public BotSettings withDryRun(boolean on) {
        return new BotSettings(slackBotToken, slackSigningSecret, slackAppToken, slackApiUrl, approvalChannel, admins,
                adminUsergroup, allowSelfApproval, defaultAccess, iamGroup, iamPolicy, firstSignInPolicy, iamPath, on,
                lifetimes, delivery);
    }

    public boolean socketMode() {
        return slackAppToken.isPresent();
    }

    @Override
    public String toString() {
        return "BotSettings[slackBotToken=***, slackSigningSecret=" + (slackSigningSecret.isPresent() ? "***" : "unset")
                + ", slackAppToken=" + (slackAppToken.isPresent() ? "***" : "unset")
                + ", slackApiUrl=" + slackApiUrl + ", approvalChannel=" + approvalChannel + ", admins=" + admins
                + ", adminUsergroup=" + adminUsergroup.orElse("unset") + ", allowSelfApproval=" + allowSelfApproval
                + ", defaultAccess=" + defaultAccess + ", iamGroup=" + iamGroup + ", iamPolicy=" + iamPolicy
                + ", firstSignInPolicy=" + firstSignInPolicy
                + ", iamPath=" + iamPath + ", dryRun=" + dryRun + ", lifetimes=" + lifetimes + ", delivery="
                + delivery + "]";
    }
}
