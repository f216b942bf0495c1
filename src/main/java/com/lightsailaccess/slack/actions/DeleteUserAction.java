package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.RevocationService;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** "Delete IAM user" on a departure notice: the person left the company, so the IAM user goes too. */
@Singleton
public class DeleteUserAction extends AdminButton {

    private final RevocationService revocations;

    public DeleteUserAction(RevocationService revocations, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.revocations = revocations;
    }

    @Override
    String verb() {
        return "delete";
    }

    @Override
    String act(long requestId, String adminId) {
        return Messages.revokeAnswer(revocations.revokeRequest(requestId, true, adminId));
    }

    @Override
    public String actionId() {
        return Ids.DELETE_USER;
    }
}
