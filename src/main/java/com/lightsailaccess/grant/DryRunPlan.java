package com.lightsailaccess.grant;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.Provisioning;
import java.util.ArrayList;
import java.util.List;

/** What a grant would have done in IAM, in words: shown instead of doing it when the bot runs as a dry run. */
public final class DryRunPlan {

    private DryRunPlan() {
    }

    public static List<String> steps(AccessRequest request, Provisioning settings) {
        List<String> plan = new ArrayList<>(List.of("ensure policy " + settings.policy() + " (lightsail:*)",
                "ensure policy " + settings.firstSignInPolicy() + " (change one's own password)",
                "ensure group " + settings.group(), "create or reuse IAM user " + request.iamUserName()
                        + " under " + settings.path()));
        if (request.accessType().console()) {
            plan.add("set a console password (reset required)");
        }
        if (request.accessType().programmatic()) {
            plan.add("create an access key");
        }
        plan.add("add the user to " + settings.group());
        return plan;
    }
}
