package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.access.Decision;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Deny: pending → denied, and the requester is told. */
@Singleton
public class DenyAction extends DecisionButton {

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
    Decision decide(long requestId, String adminId) {
        return requests.deny(requestId, adminId);
    }
}
