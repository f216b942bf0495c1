package com.lightsailaccess.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The {@code SLACK_*} settings as the environment gives them. Required values are optional here on purpose:
 * {@link SlackSettingsCheck} reports them with every other problem, so that start-up names them all in one message.
 */
@ConfigMapping(prefix = "slack")
interface SlackBotConfig {

    /** {@code SLACK_BOT_TOKEN}. */
    Optional<String> botToken();

    /** {@code SLACK_SIGNING_SECRET}. */
    Optional<String> signingSecret();

    /** {@code SLACK_APP_TOKEN}: enables Socket Mode when set. */
    Optional<String> appToken();

    /** {@code SLACK_API_URL}. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** {@code SLACK_APPROVAL_CHANNEL}. */
    Optional<String> approvalChannel();
}
