package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.config.BotSettings;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Approve: pending → approved, and provisioning starts after the ack. */
@Singleton
public class ApproveAction extends AdminButton {

    private final AccessRequestService requests;
    private final boolean allowSelfApproval;

    public ApproveAction(AccessRequestService requests, BotSettings settings, AdminDirectory admins,
            SlackNotifier notifier, AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.requests = requests;
        this.allowSelfApproval = settings.allowSelfApproval();
    }

    @Override
    String verb() {
        return "approve";
    }

    @Override
    String act(long requestId, String adminId) {
        return Messages.decisionAnswer(requests.approve(requestId, adminId, allowSelfApproval), verb());
    }
}
