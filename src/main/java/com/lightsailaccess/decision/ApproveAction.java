package com.lightsailaccess.decision;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** Approve: pending → approved, and provisioning starts after the ack. */
@Singleton
class ApproveAction extends AdminButton {

    private final DecisionService decisions;
    private final AdminDirectory admins;
    private final boolean allowSelfApproval;

    public ApproveAction(DecisionService decisions, ApprovalRules rules, AdminDirectory admins,
            SlackNotifier notifier, AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
        this.admins = admins;
        this.allowSelfApproval = rules.selfApprovalAllowed();
    }

    @Override
    protected String verb() {
        return "approve";
    }

    @Override
    protected String act(long requestId, String adminId) {
        // The admin list is read before the request is locked: with N approvals, the earlier approvers are checked
        // against it inside the transaction without waiting for Slack there.
        return DecisionMessages.decisionAnswer(decisions.approve(requestId, adminId, allowSelfApproval,
                admins.snapshot()), verb());
    }

    @Override
    public String actionId() {
        return Ids.APPROVE;
    }
}
