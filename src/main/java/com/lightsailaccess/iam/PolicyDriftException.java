package com.lightsailaccess.iam;

/**
 * The Lightsail policy exists but is not the seed's (its default version says something else, or it sits under
 * another path). Nothing is attached to it and nobody is added to its group until an admin puts it right: the
 * message says what differs.
 */
public class PolicyDriftException extends IamFailure {

    public PolicyDriftException(String policyName, String difference) {
        super(false, "PolicyDrift", "the IAM policy " + policyName + " is not the one Lightsail Access expects: "
                + difference
                + ". Nothing was attached; an admin must restore it (Allow lightsail:* on *)");
    }
}
