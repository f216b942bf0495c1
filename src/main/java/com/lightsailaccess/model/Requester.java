package com.lightsailaccess.model;

/**
 * Who asks, as Slack's verified request names them: the Slack user, the workspace the command was typed in, and
 * the Enterprise Grid organisation ({@code null} outside Grid).
 */
public record Requester(String slackUserId, String teamId, String enterpriseId) {
}
