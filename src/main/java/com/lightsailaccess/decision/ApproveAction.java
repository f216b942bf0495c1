package com.lightsailaccess.decision;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Function;

/** Approve: pending → approved, and provisioning starts after the ack. */
@Singleton
class ApproveAction extends AdminButton {

    private final DecisionService decisions;
    private final LevelApprovers approvers;
    private final boolean allowSelfApproval;

    public ApproveAction(DecisionService decisions, ApprovalRules rules, AdminDirectory admins,
            LevelApprovers approvers, SlackNotifier notifier, AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.decisions = decisions;
        this.approvers = approvers;
        this.allowSelfApproval = rules.selfApprovalAllowed();
    }

    /** Only the request's level's approvers (the admins, unless the level names its own). */
    @Override
    protected Optional<String> refusal(long requestId, String clicker) {
        return approvers.refusal(requestId, clicker, verb());
    }

    @Override
    protected String verb() {
        return "approve";
    }

    @Override
    protected String act(long requestId, String adminId) {
        // The admin list is read before the request is locked: with N approvals, the earlier approvers are checked
        // against it inside the transaction without waiting for Slack there.
        Function<String, AdminDirectory.Verdict> approversNow;
        try {
            approversNow = approvers.snapshot(requestId);
        } catch (DatabaseUnavailableException e) {
            return DecisionMessages.decisionAnswer(new Decision.Unavailable(), verb());
        }
        return DecisionMessages.decisionAnswer(decisions.approve(requestId, adminId, allowSelfApproval,
                approversNow), verb());
    }

    @Override
    public String actionId() {
        return Ids.APPROVE;
    }
}
