package com.lightsailaccess.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the bot provisions and keeps in IAM: the Lightsail group, its customer managed policies (the seed's, the first
 * sign-in's and, with {@code LIGHTSAIL_REQUIRE_MFA=console}, the MFA one), the path of every user it creates; and
 * whether it only says what it would do ({@code LIGHTSAIL_DRY_RUN}). Read and checked by {@code grant}; revocation,
 * reconciliation and the approval message work on the same group, path and dry run.
 *
 * @param mfaPolicy the policy that requires MFA in the console; empty when {@code LIGHTSAIL_REQUIRE_MFA=off}
 */
public record Provisioning(String group, String policy, String firstSignInPolicy, Optional<String> mfaPolicy,
        String path, boolean dryRun) {

    /** The same settings, saying only what they would do. */
    public Provisioning asDryRun() {
        return new Provisioning(group, policy, firstSignInPolicy, mfaPolicy, path, true);
    }

    /** The names of every policy the group holds, and nothing else may. */
    public List<String> policies() {
        return policies(policy);
    }

    /** The names of every policy a level's group holds ({@code levelPolicy}: the level's own), and nothing else may. */
    public List<String> policies(String levelPolicy) {
        List<String> names = new ArrayList<>(List.of(levelPolicy, firstSignInPolicy));
        mfaPolicy.ifPresent(names::add);
        return names;
    }

    /**
     * What provisioning {@code request} would do in IAM, in words: shown instead of doing it in a dry run. Its level
     * is the one it names in {@code levels}; one no longer configured is said so.
     */
    public List<String> planFor(AccessRequest request, AccessLevels levels) {
        Optional<AccessLevel> found = levels.of(request.level());
        if (found.isEmpty()) {
            return List.of("nothing: its access level '" + request.level() + "' is no longer configured");
        }
        AccessLevel level = found.get();
        String group = level.group();
        List<String> plan = new ArrayList<>(List.of("ensure policy " + level.policy() + " ("
                + (levels.named() ? level.label() : "lightsail:*") + ")",
                "ensure policy " + firstSignInPolicy + " (change one's own password)"));
        mfaPolicy.ifPresent(p -> plan.add("ensure policy " + p + " (MFA required in the console)"));
        plan.addAll(List.of("ensure group " + group, "create or reuse IAM user " + request.iamUserName() + " under "
                + path));
        if (request.accessType().console()) {
            plan.add("set a console password (reset required)");
        }
        if (request.accessType().programmatic()) {
            plan.add("create an access key");
        }
        plan.add("add the user to " + group);
        return plan;
    }
}
