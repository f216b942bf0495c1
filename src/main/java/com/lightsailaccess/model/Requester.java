package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Who asks, as Slack's verified request names them: the Slack user, the workspace the command was typed in, and
 * the Enterprise Grid organisation ({@code null} outside Grid). Stored with each request as it was given.
 */
@Embeddable
public record Requester(
        @Column(name = "requester_id", nullable = false) String slackUserId,
        @Column(name = "team_id") String teamId,
        @Column(name = "enterprise_id") String enterpriseId) {
}
