package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Retry: a failed grant is provisioned again. */
@Singleton
public class RetryAction extends AdminButton {

    private final AccessRequestService requests;

    public RetryAction(AccessRequestService requests, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.requests = requests;
    }

    @Override
    String verb() {
        return "retry";
    }

    @Override
    String act(long requestId, String adminId) {
        return Messages.decisionAnswer(requests.retry(requestId, adminId), verb());
    }
}
