package com.lightsailaccess.iam;

import java.util.Optional;

/**
 * A customer managed policy that the bot keeps attached to the Lightsail group: created when missing, compared with
 * {@link #document()} before anything is attached, and never attached when it says something else
 * ({@link PolicyDriftException}).
 *
 * @param name the policy's name (its path is {@code /})
 * @param purpose what it grants, in a few words, for IAM's description field and for the drift message
 * @param document the IAM policy document, as JSON
 */
public record ManagedPolicy(String name, String purpose, String document) {

    /** The seed document's policy: everything in Lightsail, nothing else. */
    public static ManagedPolicy lightsail(String name) {
        return new ManagedPolicy(name, "Amazon Lightsail full access, granted by Lightsail Access",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"lightsail:*\","
                        + "\"Resource\":\"*\"}]}");
    }

    /**
     * What a new console user needs at the first sign-in, where AWS asks for a new password: {@code iam:ChangePassword}
     * on the user itself, and reading the account's password rules to choose one. The user's ARN carries the path the
     * bot gives every user, while IAM's {@code ${aws:username}} is the name alone: AWS's managed
     * {@code IAMUserChangePassword} ({@code user/${aws:username}}) therefore matches only users at path {@code /}.
     * The path is written in here, its wildcard characters escaped (IAM's {@code ${*}}, {@code ${?}}, {@code ${$}}), so
     * that the resource is exactly the signed-in user's own ARN and never another user's.
     */
    public static ManagedPolicy firstSignIn(String name, String partition, String accountId, String userPath) {
        String ownUser = "arn:" + partition + ":iam::" + accountId + ":user" + literal(userPath) + "${aws:username}";
        return new ManagedPolicy(name, "Lets users that Lightsail Access created change their own password",
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"ChangeOwnPassword\",\"Effect\":\"Allow\",\"Action\":\"iam:ChangePassword\","
                        + "\"Resource\":\"" + json(ownUser) + "\"},"
                        + "{\"Sid\":\"ReadThePasswordRules\",\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:GetAccountPasswordPolicy\",\"Resource\":\"*\"}]}");
    }

    /**
     * {@code LIGHTSAIL_REQUIRE_MFA=console}: in a console session without MFA, everything is denied but what the
     * first sign-in and setting up MFA need: changing one's own password and reading the password rules (allowed by
     * {@link #firstSignIn}), creating and enabling one's own virtual MFA device (allowed here), and
     * {@code sts:GetSessionToken}. The deny's condition is {@code Bool}, not {@code BoolIfExists}: a request signed
     * with a long-term access key carries no {@code aws:MultiFactorAuthPresent} at all, and stays unaffected, as AWS
     * documents for that key. The user's own ARN is written with the bot's path, as in {@link #firstSignIn}; a device's
     * name is the user's choice in the console (IAM keeps up to eight per user), so creating one is allowed on any
     * {@code mfa/} name of the account, as AWS's own self-managed-MFA example does: it cannot be enabled on another
     * user.
     */
    public static ManagedPolicy requireMfa(String name, String partition, String accountId, String userPath) {
        String account = "arn:" + partition + ":iam::" + accountId + ":";
        String ownUser = account + "user" + literal(userPath) + "${aws:username}";
        return new ManagedPolicy(name, "Requires MFA in the console for users that Lightsail Access created",
                "{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"CreateOwnVirtualMfaDevice\",\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:CreateVirtualMFADevice\",\"Resource\":\"" + json(account) + "mfa/*\"},"
                        + "{\"Sid\":\"ListVirtualMfaDevices\",\"Effect\":\"Allow\","
                        + "\"Action\":\"iam:ListVirtualMFADevices\",\"Resource\":\"*\"},"
                        + "{\"Sid\":\"ManageOwnMfa\",\"Effect\":\"Allow\",\"Action\":[\"iam:EnableMFADevice\","
                        + "\"iam:ResyncMFADevice\",\"iam:DeactivateMFADevice\",\"iam:ListMFADevices\","
                        + "\"iam:GetMFADevice\",\"iam:GetUser\"],\"Resource\":\"" + json(ownUser) + "\"},"
                        + "{\"Sid\":\"DenyAllButSettingUpWithoutMfa\",\"Effect\":\"Deny\",\"NotAction\":["
                        + "\"iam:ChangePassword\",\"iam:GetAccountPasswordPolicy\",\"iam:CreateVirtualMFADevice\","
                        + "\"iam:EnableMFADevice\",\"iam:ResyncMFADevice\",\"iam:ListMFADevices\","
                        + "\"iam:ListVirtualMFADevices\",\"iam:GetMFADevice\",\"iam:GetUser\","
                        + "\"sts:GetSessionToken\"],\"Resource\":\"*\","
                        + "\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}}}]}");
    }

    /**
     * What keeps {@code document} from being a policy the bot can keep in IAM, if anything: it must be a JSON object
     * with {@code Version} 2012-10-17 and at least one statement, each with an {@code Effect} of Allow or Deny, an
     * action ({@code Action} or {@code NotAction}) and a resource, within IAM's 6,144 characters (whitespace not
     * counted).
     */
    public static Optional<String> documentProblem(String document) {
        return PolicyDocument.problem(document);
    }

    /** A path as IAM reads it literally inside a policy's resource: {@code *}, {@code ?} and {@code $} escaped. */
    static String literal(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            switch (c) {
                case '*', '?', '$' -> out.append("${").append(c).append('}');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
