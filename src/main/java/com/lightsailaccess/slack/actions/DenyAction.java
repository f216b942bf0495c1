package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.DecisionService;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Deny: pending → denied, and the requester is told. */
@Singleton
public class DenyAction extends AdminButton {

    private final DecisionService decisions;

    public DenyAction(DecisionService decisions, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
    }

    @Override
    String verb() {
        return "deny";
    }

    @Override
    String act(long requestId, String adminId) {
        return Messages.decisionAnswer(decisions.deny(requestId, adminId), verb());
    }

    @Override
    public String actionId() {
        return Ids.DENY;
    }
}
