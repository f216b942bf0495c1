package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.FakeIam.Session;
import com.lightsailaccess.testing.FakeIam;

/** What a person the bot provisioned must be able to do next, and what they must never be able to do. */
final class GranteeChecks {

    private GranteeChecks() {
    }

    /** The first console sign-in: AWS shows the password rules and asks for a new password; then Lightsail. */
    static void firstSignInWorks(FakeIam iam, FakeIam.User user) {
        assertTrue(iam.userMay(user.name, Session.CONSOLE_WITHOUT_MFA, "iam:ChangePassword", user.arn()),
                user.arn() + " may change its own password at the first sign-in");
        assertTrue(iam.userMay(user.name, Session.CONSOLE_WITHOUT_MFA, "iam:GetAccountPasswordPolicy", "*"),
                "and read the rules a new password must meet");
        assertTrue(iam.userMay(user.name, Session.CONSOLE_WITHOUT_MFA, "lightsail:GetInstances", "*"),
                "then use Lightsail");
    }

    /**
     * The first console sign-in with MFA required: the new password and one's own virtual MFA device without MFA,
     * nothing else; then, signed in again with the MFA code, Lightsail.
     */
    static void firstSignInWorksWithMfa(FakeIam iam, FakeIam.User user) {
        Session first = Session.CONSOLE_WITHOUT_MFA;
        assertTrue(iam.userMay(user.name, first, "iam:ChangePassword", user.arn()), "the new password");
        assertTrue(iam.userMay(user.name, first, "iam:GetAccountPasswordPolicy", "*"), "its rules");
        assertTrue(iam.userMay(user.name, first, "iam:CreateVirtualMFADevice",
                "arn:aws:iam::" + FakeIam.ACCOUNT + ":mfa/" + user.name + "-phone"), "a virtual MFA device");
        assertTrue(iam.userMay(user.name, first, "iam:EnableMFADevice", user.arn()), "enabled on oneself");
        assertTrue(iam.userMay(user.name, first, "iam:ListMFADevices", user.arn()), "and seen");
        assertFalse(iam.userMay(user.name, first, "lightsail:GetInstances", "*"), "Lightsail without MFA");
        assertTrue(iam.userMay(user.name, Session.CONSOLE_WITH_MFA, "lightsail:GetInstances", "*"), "with MFA");
    }

    /** Nothing that reaches another user or gives the holder more than Lightsail. */
    static void nothingEscalates(FakeIam iam, FakeIam.User user, FakeIam.User other, String group) {
        String account = "arn:aws:iam::123456789012:";
        for (Session session : Session.values()) {
            String who = user.name + " (" + session + ") ";
            assertFalse(iam.userMay(user.name, session, "iam:ChangePassword", other.arn()),
                    who + "changes " + other.name + "'s password");
            // A name that only starts or ends like the holder's, under the same path.
            String lookalike = user.arn().substring(0, user.arn().lastIndexOf('/') + 1) + "big" + user.name;
            assertFalse(iam.userMay(user.name, session, "iam:ChangePassword", lookalike), who + "on " + lookalike);
            assertFalse(iam.userMay(user.name, session, "iam:CreateAccessKey", other.arn()), who + "keys of another");
            String path = user.arn().substring(user.arn().indexOf(":user/") + ":user".length(),
                    user.arn().lastIndexOf('/') + 1);
            assertFalse(iam.userMay(user.name, session, "iam:CreateUser", account + "user" + path + "x"), who);
            assertFalse(iam.userMay(user.name, session, "iam:AddUserToGroup", account + "group/" + group), who);
            assertFalse(iam.userMay(user.name, session, "iam:AttachUserPolicy", user.arn()), who);
            assertFalse(iam.userMay(user.name, session, "iam:PutUserPolicy", user.arn()), who);
            assertFalse(iam.userMay(user.name, session, "iam:CreatePolicyVersion",
                    account + "policy/LightsailFirstSignInPolicy"), who + "rewrites its own policy");
            assertFalse(iam.userMay(user.name, session, "iam:UpdateLoginProfile", other.arn()), who);
            assertFalse(iam.userMay(user.name, session, "s3:GetObject", "*"), who + "leaves Lightsail");
        }
    }
}
