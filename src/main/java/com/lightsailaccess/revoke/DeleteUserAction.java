package com.lightsailaccess.revoke;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** "Delete IAM user" on a departure notice: the person left the company, so the IAM user goes too. */
@Singleton
class DeleteUserAction extends RevocationButton {

    public DeleteUserAction(RevocationService revocations, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(revocations, true, admins, notifier, afterAck);
    }

    @Override
    protected String verb() {
        return "delete";
    }

    @Override
    public String actionId() {
        return Ids.DELETE_USER;
    }
}
