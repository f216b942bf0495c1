package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.IamPolicyEvaluator;
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
}
