package com.lightsailaccess.request;

import com.lightsailaccess.decision.ApprovalRules;
import com.lightsailaccess.grant.Reveals;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.revoke.Revocation;
import com.slack.api.model.block.LayoutBlock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a request's approval message shows, worked out from the request's state alone, so that the message can be
 * brought up to date at any time, as often as needed, and always ends showing the latest state.
 */
@ApplicationScoped
class ApprovalMessage {

    private final AccessRequestService requests;
    private final Provisioning provisioning;
    private final ApprovalRules rules;
    private final Reveals reveals;
    private final AccessLevels levels;

    public ApprovalMessage(AccessRequestService requests, Provisioning provisioning, ApprovalRules rules,
            Reveals reveals, AccessLevels levels) {
        this.levels = levels;
        this.requests = requests;
        this.provisioning = provisioning;
        this.rules = rules;
        this.reveals = reveals;
    }

    public List<LayoutBlock> blocksFor(AccessRequest request) {
        if (request.isExtension() && request.state() == RequestState.ACTIVE) {
            return ApprovalMessages.approvalDone(request, "the grant's end moved; no new credentials");
        }
        if (request.isLevelChange() && request.state() == RequestState.ACTIVE) {
            // The change names no IAM user of its own: every lookup by IAM user name must find the grant alone.
            return ApprovalMessages.approvalDone(request, "grant #" + request.extendsRequestId() + " moved to the "
                    + "level's group; no new credentials");
        }
        if (request.state() == RequestState.REVOKED && request.endedHow() != null) {
            return ApprovalMessages.approvalEnded(request, Revocation.endedOutcome(request));
        }
        return switch (request.state()) {
            case PENDING -> ApprovalMessages.approvalRequest(request, requests.approvals(request.id()),
                    rules.required(levels.of(request.level())));
            case APPROVED, PROVISIONING -> request.awaitingReveal()
                    ? ApprovalMessages.approvalOffered(request, reveals.deadline(request))
                    : ApprovalMessages.approvalProvisioning(request, provisioning.dryRun());
            case ACTIVE -> ApprovalMessages.approvalDone(request, request.dryRun()
                    ? "*dry run*: " + ApprovalMessages.escapedPlan(provisioning.planFor(request, levels))
                    : ApprovalMessages.grantSummary(request));
            case FAILED -> ApprovalMessages.approvalFailed(request, request.failureReason() == null ? "unknown error"
                    : request.failureReason());
            case DENIED -> ApprovalMessages.approvalDenied(request);
            case CANCELLED -> ApprovalMessages.approvalCancelled(request,
                    requests.lastActor(request.id(), "cancelled").orElse(null));
            case REVOKED -> ApprovalMessages.approvalRevoked(request, request.iamUserDeletedAt() != null,
                    requests.lastActor(request.id(), "revoked").orElse(null));
        };
    }
}
