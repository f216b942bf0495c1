package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Cancel: a failed grant is given up; the requester is told and may ask again. */
@Singleton
public class CancelAction extends AdminButton {

    private final AccessRequestService requests;

    public CancelAction(AccessRequestService requests, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.requests = requests;
    }

    @Override
    String verb() {
        return "cancel";
    }

    @Override
    String act(long requestId, String adminId) {
        return Messages.decisionAnswer(requests.cancelFailed(requestId, adminId), verb());
    }
}
