package com.lightsailaccess.grant;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.slack.blocks.Mrkdwn;

/** What a grant tells its holder besides the credentials themselves: the fallback text, the dry run's DM. */
final class GrantMessages {

    private GrantMessages() {
    }

    /** The notification text of the credentials DM: shown in previews, so it never carries a secret. */
    public static String credentialsFallback(long requestId) {
        return "Your Lightsail access is ready (request #" + requestId + "). Open this message for your sign-in "
                + "details.";
    }

    public static String dryRunDm(AccessRequest request, String iamUserName) {
        return ":test_tube: Your Lightsail access request #" + request.id() + " was approved by "
                + Mrkdwn.userOr(request.decidedBy(), "an admin")
                + ", but the bot runs in *dry run* mode: nothing was created in AWS. It would "
                + "have created IAM user `" + Mrkdwn.escape(iamUserName) + "` with " + request.accessType().describe()
                + " access. Ask an admin when real access is available.";
    }
}
