package com.lightsailaccess.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What the bot provisions and keeps in IAM: the Lightsail group, its two customer managed policies, the path of every
 * user it creates; and whether it only says what it would do ({@code LIGHTSAIL_DRY_RUN}). Read and checked by
 * {@code grant}; revocation, reconciliation and the approval message work on the same group, path and dry run.
 */
public record Provisioning(String group, String policy, String firstSignInPolicy, String path, boolean dryRun) {

    /** What provisioning {@code request} would do in IAM, in words: shown instead of doing it in a dry run. */
    public List<String> planFor(AccessRequest request) {
        List<String> plan = new ArrayList<>(List.of("ensure policy " + policy + " (lightsail:*)",
                "ensure policy " + firstSignInPolicy + " (change one's own password)", "ensure group " + group,
                "create or reuse IAM user " + request.iamUserName() + " under " + path));
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
