package com.lightsailaccess.grant;

import com.lightsailaccess.model.Requester;
import com.slack.api.model.User;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may hold Lightsail access: a full member of the organisation. Guests (single- and multi-channel) and people
 * from outside it (Slack Connect) may not; neither may a deactivated account. On Enterprise Grid a member's home
 * workspace ({@code users.info}'s {@code team_id}) may differ from the workspace the command was typed in: that is
 * the same organisation, not a stranger. Checked before the admins are asked, and again right before provisioning,
 * since an account can change while a request waits.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** Why this person may not have access, or empty when they may. */
    public static Optional<String> refusalFor(User user, Requester requester) {
        if (user == null) {
            return Optional.of("Your Slack account could not be looked up.");
        }
        if (user.isDeleted()) {
            return Optional.of("The Slack account is deactivated.");
        }
        if (user.isRestricted() || user.isUltraRestricted()) {
            return Optional.of("Guest accounts cannot request Lightsail access.");
        }
        if (user.isStranger() || !sameOrganisation(user, requester)) {
            return Optional.of("Only members of this workspace can request Lightsail access.");
        }
        return Optional.empty();
    }

    private static boolean sameOrganisation(User user, Requester requester) {
        if (requester.teamId() == null || user.getTeamId() == null
                || Objects.equals(user.getTeamId(), requester.teamId())) {
            return true;
        }
        User.EnterpriseUser grid = user.getEnterpriseUser();
        if (grid == null) {
            return false;
        }
        return (requester.enterpriseId() != null && requester.enterpriseId().equals(grid.getEnterpriseId()))
                || (grid.getTeams() != null && grid.getTeams().contains(requester.teamId()));
    }
}
