package com.lightsailaccess.decision;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Checks who may decide at start-up, and gives the beans {@link ApprovalRules}. */
@ApplicationScoped
class DecisionSettingsCheck implements SettingsCheck {

    private final DecisionConfig config;

    DecisionSettingsCheck(DecisionConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        rules(problems);
    }

    @Produces
    @Singleton
    ApprovalRules rules() {
        return Problems.valid(this::rules);
    }

    private ApprovalRules rules(Problems problems) {
        Boolean self = problems.at(20).check(config.allowSelfApproval(),
                Problems.bool("LIGHTSAIL_ALLOW_SELF_APPROVAL"));
        Integer required = problems.at(110).check(config.approvalsRequired(), raw -> {
            try {
                int n = Integer.parseInt(raw.trim());
                if (n >= 1 && n <= 10) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("LIGHTSAIL_APPROVALS_REQUIRED must be a number from 1 to 10 (got '"
                    + raw + "')");
        });
        return new ApprovalRules(Boolean.TRUE.equals(self), required == null ? 0 : required);
    }
}
