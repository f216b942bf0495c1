package com.lightsailaccess.decision;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Deny: pending → denied, and the requester is told. */
@Singleton
class DenyAction extends AdminButton {

    private final DecisionService decisions;
    private final LevelApprovers approvers;

    public DenyAction(DecisionService decisions, AdminDirectory admins, LevelApprovers approvers,
            SlackNotifier notifier, AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
        this.approvers = approvers;
    }

    /** Only the request's level's approvers (the admins, unless the level names its own). */
    @Override
    protected Optional<String> refusal(long requestId, String clicker) {
        return approvers.refusal(requestId, clicker, verb());
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
