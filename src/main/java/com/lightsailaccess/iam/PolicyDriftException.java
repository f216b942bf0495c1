package com.lightsailaccess.iam;

/**
 * A policy the bot keeps on the Lightsail group exists but is not the one the bot wrote (its default version says
 * something else, or it sits under another path). Nothing is attached to it and nobody is added to its group until an
 * admin puts it right: the message says what differs.
 */
class PolicyDriftException extends IamFailure {

    public PolicyDriftException(ManagedPolicy policy, String difference) {
        super(false, "PolicyDrift", "the IAM policy " + policy.name() + " is not the one Lightsail Access expects: "
                + difference + ". Nothing was attached; an admin must restore it ("
                + PolicyDocument.describe(policy.document()) + ")");
    }
}
