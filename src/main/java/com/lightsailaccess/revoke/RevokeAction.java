package com.lightsailaccess.revoke;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/**
 * Revoke (on an active grant in an admin's App Home tab, behind a confirmation): as {@code /lightsail-revoke}
 * without {@code delete}, the IAM user leaves the Lightsail group and is kept.
 */
@Singleton
class RevokeAction extends RevocationButton {

    public RevokeAction(RevocationService revocations, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(revocations, false, admins, notifier, afterAck);
    }

    @Override
    protected String verb() {
        return "revoke";
    }

    @Override
    public String actionId() {
        return Ids.REVOKE;
    }
}
