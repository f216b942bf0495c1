package com.lightsailaccess.model;

import com.slack.api.model.User;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks, as Slack's verified request names them: the Slack user, the workspace the command was typed in, and
 * the Enterprise Grid organisation ({@code null} outside Grid). Stored with each request as it was given.
 */
@Embeddable
public record Requester(
        @Column(name = "requester_id", nullable = false) String slackUserId,
        @Column(name = "team_id") String teamId,
        @Column(name = "enterprise_id") String enterpriseId) {

    /**
     * Why this person may not hold Lightsail access, or empty when they may: a full member of the organisation.
     * Guests (single- and multi-channel) and people from outside it (Slack Connect) may not; neither may a
     * deactivated account. On Enterprise Grid a member's home workspace ({@code users.info}'s {@code team_id}) may
     * differ from the workspace the command was typed in: that is the same organisation, not a stranger. Checked
     * before the admins are asked, and again right before provisioning, since an account can change while a
     * request waits.
     */
    public Optional<String> refusalFor(User user) {
        if (user == null) {
            return Optional.of("Your Slack account could not be looked up.");
        }
        if (user.isDeleted()) {
            return Optional.of("The Slack account is deactivated.");
        }
        if (user.isRestricted() || user.isUltraRestricted()) {
            return Optional.of("Guest accounts cannot request Lightsail access.");
        }
        if (user.isStranger() || !sameOrganisation(user)) {
            return Optional.of("Only members of this workspace can request Lightsail access.");
        }
        return Optional.empty();
    }

    private boolean sameOrganisation(User user) {
        if (teamId == null || user.getTeamId() == null
                || Objects.equals(user.getTeamId(), teamId)) {
            return true;
        }
        User.EnterpriseUser grid = user.getEnterpriseUser();
        if (grid == null) {
            return false;
        }
        return (enterpriseId != null && enterpriseId.equals(grid.getEnterpriseId()))
                || (grid.getTeams() != null && grid.getTeams().contains(teamId));
    }
}
