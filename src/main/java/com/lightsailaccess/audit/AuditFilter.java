package com.lightsailaccess.audit;

import java.time.Duration;
import java.util.Optional;

/**
 * Which audit events an admin asks for: those concerning one Slack user (their requests, or what they did), or one
 * IAM user (the requests that gave it access, and the bot's findings about it), within the last {@code since}.
 * Empty parts match everything.
 */
record AuditFilter(Optional<String> slackUserId, Optional<String> iamUserName, Optional<Duration> since) {

    public static AuditFilter everything() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
