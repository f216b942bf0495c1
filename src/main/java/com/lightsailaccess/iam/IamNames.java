package com.lightsailaccess.iam;

import java.util.Locale;
import java.util.regex.Pattern;

/** IAM's rules for user names: 1–64 characters of {@code [\w+=,.@-]}, unique without regard to case. */
public final class IamNames {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");

    private IamNames() {
    }

    public static boolean isValidUserName(String name) {
        return name != null && USER_NAME.matcher(name).matches();
    }

    /**
     * The IAM user name for a person: their Slack e-mail in lower case, or their Slack user ID when no e-mail is
     * visible or the address breaks IAM's rules (too long, or characters IAM does not allow).
     */
    public static String userNameFor(String email, String slackUserId) {
        if (email != null) {
            String lower = email.trim().toLowerCase(Locale.ROOT);
            if (isValidUserName(lower)) {
                return lower;
            }
        }
        return slackUserId;
    }
}
