package com.lightsailaccess.revoke;

/** What a departure check is about: a Slack account that may have been deactivated. */
public record Departure(String slackUserId) {
}
