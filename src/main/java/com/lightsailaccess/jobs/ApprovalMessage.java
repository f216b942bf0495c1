package com.lightsailaccess.jobs;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.access.RequestState;
import com.lightsailaccess.access.Reveals;
import com.lightsailaccess.config.BotSettings;
import com.lightsailaccess.slack.blocks.LifetimeMessages;
import com.lightsailaccess.slack.blocks.Messages;
import com.slack.api.model.block.LayoutBlock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a request's approval message shows, worked out from the request's state alone, so that the message can be
 * brought up to date at any time, as often as needed, and always ends showing the latest state.
 */
@ApplicationScoped
public class ApprovalMessage {

    private final AccessRequestService requests;
    private final BotSettings settings;

    private final Reveals reveals;

    public ApprovalMessage(AccessRequestService requests, BotSettings settings, Reveals reveals) {
        this.requests = requests;
        this.settings = settings;
        this.reveals = reveals;
    }

    public List<LayoutBlock> blocksFor(AccessRequest request) {
        if (request.isExtension() && request.state() == RequestState.ACTIVE) {
            return Messages.approvalDone(request, "the grant's end moved; no new credentials");
        }
        if (request.state() == RequestState.REVOKED && request.endedHow() != null) {
            return Messages.approvalEnded(request, LifetimeMessages.endedOutcome(request));
        }
        return switch (request.state()) {
            case PENDING -> Messages.approvalRequest(request, requests.approvals(request.id()),
                    settings.lifetimes().approvalsRequired());
            case APPROVED, PROVISIONING -> request.awaitingReveal()
                    ? Messages.approvalOffered(request, reveals.deadline(request))
                    : Messages.approvalProvisioning(request, settings.dryRun());
            case ACTIVE -> Messages.approvalDone(request, request.dryRun()
                    ? "*dry run*: " + Messages.escapedPlan(DryRunPlan.steps(request, settings))
                    : Messages.grantSummary(request));
            case FAILED -> Messages.approvalFailed(request, request.failureReason() == null ? "unknown error"
                    : request.failureReason());
            case DENIED -> Messages.approvalDenied(request);
            case CANCELLED -> Messages.approvalCancelled(request,
                    requests.lastActor(request.id(), "cancelled").orElse(null));
            case REVOKED -> Messages.approvalRevoked(request, request.iamUserDeletedAt() != null,
                    requests.lastActor(request.id(), "revoked").orElse(null));
        };
    }
}
