package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Deny: pending → denied, and the requester is told. */
@Singleton
public class DenyAction extends AdminButton {

    private final AccessRequestService requests;

    public DenyAction(AccessRequestService requests, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.requests = requests;
    }

    @Override
    String verb() {
        return "deny";
    }

    @Override
    String act(long requestId, String adminId) {
        return Messages.decisionAnswer(requests.deny(requestId, adminId), verb());
    }
}
