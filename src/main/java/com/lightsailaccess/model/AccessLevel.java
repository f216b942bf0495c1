package com.lightsailaccess.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One access level (README, "Access levels"): what people ask for by {@link #name()}, the IAM group it puts them in
 * and the customer managed policy that group holds, who approves it, and what may be asked for. A field left out of
 * the levels file is empty here and means the global setting, which the feature that reads it applies
 * ({@code LIGHTSAIL_ADMINS}/{@code LIGHTSAIL_ADMIN_USERGROUP}, {@code LIGHTSAIL_APPROVALS_REQUIRED},
 * {@code LIGHTSAIL_DURATIONS}, {@code LIGHTSAIL_DEFAULT_DURATION}).
 *
 * @param document the IAM policy document of {@link #policy()}, as JSON
 * @param approvers the Slack users who approve it; with {@link #approverUsergroup()}, empty means the admins
 * @param durations empty means {@code LIGHTSAIL_DURATIONS}
 * @param accessTypes the access types it offers (every one unless the file says otherwise)
 * @param requesters who may ask for it; empty means everyone
 */
public record AccessLevel(String name, String label, String group, String policy, String document,
        Set<String> approvers, Optional<String> approverUsergroup, OptionalInt approvalsRequired,
        List<GrantDuration> durations, Optional<GrantDuration> defaultDuration, Set<AccessType> accessTypes,
        Optional<Set<String>> requesters) {

    /** The one level without a levels file: the seed's group and policy, every other field the global setting. */
    public static AccessLevel full(String group, String policy, String document) {
        return new AccessLevel("full", "Full Lightsail access", group, policy, document, Set.of(), Optional.empty(),
                OptionalInt.empty(), List.of(), Optional.empty(), Set.of(AccessType.values()), Optional.empty());
    }

    /** Whether the level names its own approvers (otherwise the admins approve it). */
    public boolean ownApprovers() {
        return !approvers.isEmpty() || approverUsergroup.isPresent();
    }

    /** Whether {@code slackUserId} may ask for it. */
    public boolean mayAsk(String slackUserId) {
        return requesters.map(r -> r.contains(slackUserId)).orElse(true);
    }

    /** Whether {@code word} names it (case does not matter). */
    public boolean named(String word) {
        return name.equals(word.toLowerCase(Locale.ROOT));
    }

    /** How a settings problem names one of its fields: {@code LIGHTSAIL_ACCESS_LEVELS, level 'x', field: }. */
    public String setting(String field) {
        return "LIGHTSAIL_ACCESS_LEVELS, level '" + name + "', " + field + ": ";
    }

    @Override
    public String toString() {
        return "AccessLevel[" + name + ", group " + group + ", policy " + policy + "]";
    }
}
