package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.IamPolicyEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagedPolicyTest {

    static final Map<String, String> JANE = Map.of("aws:username", "jane");

    @Test
    void theFirstSignInPolicyReachesOnlyTheSignedInUserUnderItsPath() {
        IamPolicyEvaluator policy = IamPolicyEvaluator.parse(ManagedPolicy.firstSignIn("P", "aws", "123456789012",
                "/lightsail/").document());
        assertTrue(policy.allows("iam:ChangePassword", "arn:aws:iam::123456789012:user/lightsail/jane", JANE));
        assertFalse(policy.allows("iam:ChangePassword", "arn:aws:iam::123456789012:user/lightsail/bigjane", JANE));
        assertFalse(policy.allows("iam:ChangePassword", "arn:aws:iam::123456789012:user/lightsail/janet", JANE));
        assertFalse(policy.allows("iam:ChangePassword", "arn:aws:iam::123456789012:user/jane", JANE));
        assertFalse(policy.allows("iam:ChangePassword", "arn:aws:iam::210987654321:user/lightsail/jane", JANE));
        assertTrue(policy.allows("iam:GetAccountPasswordPolicy", "*", JANE));
        assertFalse(policy.allows("iam:UpdateLoginProfile", "arn:aws:iam::123456789012:user/lightsail/jane", JANE));
    }

    @Test
    void wildcardCharactersInThePathAreLiteral() {
        // IAM paths may hold * and ?: in a policy they would match other users unless escaped.
        String document = ManagedPolicy.firstSignIn("P", "aws", "123456789012", "/a*b?c$/").document();
        assertTrue(document.contains("user/a${*}b${?}c${$}/${aws:username}"), document);
        IamPolicyEvaluator policy = IamPolicyEvaluator.parse(document);
        assertTrue(policy.allows("iam:ChangePassword", "arn:aws:iam::123456789012:user/a*b?c$/jane", JANE));
        assertFalse(policy.allows("iam:ChangePassword", "arn:aws:iam::123456789012:user/aXXbYc$/jane", JANE));
    }

    @Test
    void theAccountsPartitionIsUsed() {
        String document = ManagedPolicy.firstSignIn("P", "aws-cn", "123456789012", "/").document();
        assertTrue(document.contains("\"arn:aws-cn:iam::123456789012:user/${aws:username}\""), document);
    }

    @Test
    void documentsThatSayTheSameInAnotherOrderOrFormAreNoDrift() {
        String expected = ManagedPolicy.firstSignIn("P", "aws", "1", "/x/").document();
        String reordered = """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": ["iam:GetAccountPasswordPolicy"], "Resource": ["*"]},
                  {"Sid": "Other", "Effect": "Allow", "Action": "iam:ChangePassword",
                   "Resource": "arn:aws:iam::1:user/x/${aws:username}"}]}""";
        assertEquals(Optional.empty(), PolicyDocument.difference(expected, reordered));
        String widened = reordered.replace("user/x/${aws:username}", "user/x/*");
        Optional<String> difference = PolicyDocument.difference(expected, widened);
        assertTrue(difference.isPresent() && difference.get().contains("user/x/*"), difference.toString());
        String more = expected.replace("\"iam:ChangePassword\"", "[\"iam:ChangePassword\",\"iam:CreateAccessKey\"]");
        assertTrue(PolicyDocument.difference(expected, more).isPresent());
        String conditioned = expected.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Condition\":{\"Bool\":"
                + "{\"aws:MultiFactorAuthPresent\":\"true\"}}");
        assertTrue(PolicyDocument.difference(expected, conditioned).isPresent());
        assertEquals(Optional.of("it is not a readable policy document"), PolicyDocument.difference(expected, "{"));
        // Without Version (or with 2008-10-17) IAM takes ${aws:username} literally: the same statements grant nothing.
        String unversioned = expected.replace("\"Version\":\"2012-10-17\",", "");
        Optional<String> noVersion = PolicyDocument.difference(expected, unversioned);
        assertTrue(noVersion.isPresent() && noVersion.get().contains("2008-10-17"), noVersion.toString());
        assertTrue(PolicyDocument.difference(expected, expected.replace("2012-10-17", "2008-10-17")).isPresent());
    }

    /**
     * The group's three policies together, as IAM evaluates them for one of its users (a Deny in any wins), under
     * several paths: without MFA in the console only the first sign-in's steps and setting up MFA are allowed; with
     * MFA, or with a long-term access key (no {@code aws:MultiFactorAuthPresent} in the request), Lightsail is.
     */
    @Test
    void withMfaRequiredTheFirstSignInAndMfaSetUpStayPossibleUnderAnyPathAndLightsailNeedsMfaInTheConsole() {
        for (String path : List.of("/", "/lightsail/", "/teams/a*b/")) {
            List<IamPolicyEvaluator> group = List.of(
                    IamPolicyEvaluator.parse(ManagedPolicy.lightsail("L").document()),
                    IamPolicyEvaluator.parse(ManagedPolicy.firstSignIn("F", "aws", "123456789012", path).document()),
                    IamPolicyEvaluator.parse(ManagedPolicy.requireMfa("M", "aws", "123456789012", path).document()));
            String jane = "arn:aws:iam::123456789012:user" + path + "jane";
            String bob = "arn:aws:iam::123456789012:user" + path + "bob";
            Map<String, String> noMfa = Map.of("aws:username", "jane", "aws:MultiFactorAuthPresent", "false");
            Map<String, String> mfa = Map.of("aws:username", "jane", "aws:MultiFactorAuthPresent", "true");
            Map<String, String> accessKey = Map.of("aws:username", "jane");
            String at = " under " + path;
            for (String[] step : new String[][] {{"iam:ChangePassword", jane}, {"iam:GetAccountPasswordPolicy", "*"},
                    {"iam:CreateVirtualMFADevice", "arn:aws:iam::123456789012:mfa/jane-phone"},
                    {"iam:EnableMFADevice", jane}, {"iam:ListMFADevices", jane}, {"iam:ListVirtualMFADevices", "*"},
                    {"iam:GetUser", jane}}) {
                assertTrue(IamPolicyEvaluator.allowedByAll(group, step[0], step[1], noMfa), step[0] + " without MFA"
                        + at);
            }
            assertFalse(IamPolicyEvaluator.allowedByAll(group, "lightsail:GetInstances", "*", noMfa),
                    "Lightsail in a console session without MFA" + at);
            assertFalse(IamPolicyEvaluator.allowedByAll(group, "iam:DeactivateMFADevice", jane, noMfa),
                    "removing one's MFA device without MFA" + at);
            assertTrue(IamPolicyEvaluator.allowedByAll(group, "lightsail:GetInstances", "*", mfa), "with MFA" + at);
            assertTrue(IamPolicyEvaluator.allowedByAll(group, "lightsail:CreateInstances", "*", accessKey),
                    "with a long-term access key" + at);
            for (Map<String, String> session : List.of(noMfa, mfa, accessKey)) {
                assertFalse(IamPolicyEvaluator.allowedByAll(group, "iam:EnableMFADevice", bob, session),
                        "another user's MFA" + at);
                assertFalse(IamPolicyEvaluator.allowedByAll(group, "iam:DeactivateMFADevice", bob, session),
                        "another user's MFA" + at);
                assertFalse(IamPolicyEvaluator.allowedByAll(group, "iam:DeleteVirtualMFADevice",
                        "arn:aws:iam::123456789012:mfa/bob-phone", session), "another user's device" + at);
                assertFalse(IamPolicyEvaluator.allowedByAll(group, "iam:CreateAccessKey", jane, session),
                        "keys for oneself" + at);
            }
        }
    }

    @Test
    void theMfaPolicysDenyLeavesLongTermAccessKeysAlone() {
        String document = ManagedPolicy.requireMfa("M", "aws", "1", "/lightsail/").document();
        assertTrue(document.contains("\"Bool\":{\"aws:MultiFactorAuthPresent\":\"false\"}"), document);
        assertFalse(document.contains("IfExists"), "BoolIfExists would deny every access key: " + document);
        assertEquals(Optional.empty(), PolicyDocument.difference(document, document));
        assertTrue(PolicyDocument.difference(document, document.replace("\"Bool\"", "\"BoolIfExists\""))
                .isPresent(), "a changed condition is drift");
    }

    @Test
    void theReadmesMfaPolicyIsTheOneTheBotWrites() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int sid = readme.indexOf("\"DenyAllButSettingUpWithoutMfa\"");
        String block = readme.substring(readme.lastIndexOf("```json", sid) + "```json".length(),
                readme.indexOf("```", sid));
        assertEquals(Optional.empty(), PolicyDocument.difference(ManagedPolicy.requireMfa("M", "aws", "123456789012",
                "/lightsail/").document(), block));
    }
}
