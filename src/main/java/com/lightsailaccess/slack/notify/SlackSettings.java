package com.lightsailaccess.slack.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * How the bot reaches Slack, checked at start-up. The tokens and the signing secret are secrets:
 * {@link #toString()} never shows them.
 *
 * @param postBurst posts to one channel: a burst of this many, then one per {@code postInterval}
 */
public record SlackSettings(String botToken, Optional<String> signingSecret, Optional<String> appToken,
        String apiUrl, String approvalChannel, int postBurst, Duration postInterval) {

    /** Whether the bot also connects over Socket Mode ({@code SLACK_APP_TOKEN} set). */
    public boolean socketMode() {
        return appToken.isPresent();
    }

    @Override
    public String toString() {
        return "SlackSettings[botToken=***, signingSecret=" + (signingSecret.isPresent() ? "***" : "unset")
                + ", appToken=" + (appToken.isPresent() ? "***" : "unset") + ", apiUrl=" + apiUrl
                + ", approvalChannel=" + approvalChannel + ", postBurst=" + postBurst + ", postInterval="
                + postInterval + "]";
    }
}
