package com.lightsailaccess.revoke;

/** What a departure check is about: a Slack account that may have been deactivated. */
record Departure(String slackUserId) {
}
