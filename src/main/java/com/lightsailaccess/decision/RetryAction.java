package com.lightsailaccess.decision;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Retry: a failed grant is provisioned again. */
@Singleton
class RetryAction extends AdminButton {

    private final DecisionService decisions;

    public RetryAction(DecisionService decisions, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
    }

    @Override
    protected String verb() {
        return "retry";
    }

    @Override
    protected String act(long requestId, String adminId) {
        return DecisionMessages.decisionAnswer(decisions.retry(requestId, adminId), verb());
    }

    @Override
    public String actionId() {
        return Ids.RETRY;
    }
}
