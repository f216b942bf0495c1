package com.lightsailaccess.decision;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Cancel: a failed grant is given up; the requester is told and may ask again. */
@Singleton
class CancelAction extends AdminButton {

    private final DecisionService decisions;

    public CancelAction(DecisionService decisions, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
    }

    @Override
    protected String verb() {
        return "cancel";
    }

    @Override
    protected String act(long requestId, String adminId) {
        return DecisionMessages.decisionAnswer(decisions.cancelFailed(requestId, adminId), verb());
    }

    @Override
    public String actionId() {
        return Ids.CANCEL;
    }
}
