package com.lightsailaccess.decision;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Deny: pending → denied, and the requester is told. */
@Singleton
class DenyAction extends AdminButton {

    private final DecisionService decisions;

    public DenyAction(DecisionService decisions, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
    }

    @Override
    protected String verb() {
        return "deny";
    }

    @Override
    protected String act(long requestId, String adminId) {
        return DecisionMessages.decisionAnswer(decisions.deny(requestId, adminId), verb());
    }

    @Override
    public String actionId() {
        return Ids.DENY;
    }
}
