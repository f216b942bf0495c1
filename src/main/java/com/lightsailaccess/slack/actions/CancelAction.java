package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.DecisionService;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Cancel: a failed grant is given up; the requester is told and may ask again. */
@Singleton
public class CancelAction extends AdminButton {

    private final DecisionService decisions;

    public CancelAction(DecisionService decisions, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
    }

    @Override
    String verb() {
        return "cancel";
    }

    @Override
    String act(long requestId, String adminId) {
        return Messages.decisionAnswer(decisions.cancelFailed(requestId, adminId), verb());
    }

    @Override
    public String actionId() {
        return Ids.CANCEL;
    }
}
