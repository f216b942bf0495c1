package com.lightsailaccess.jobs;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.access.RequestState;
import com.lightsailaccess.slack.blocks.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** After a denial or a cancellation: the approval message loses its buttons and the requester is told. */
@ApplicationScoped
public class AnnounceDecision implements JobHandler {

    private final AccessRequestService requests;
    private final ApprovalMessage message;

    public AnnounceDecision(AccessRequestService requests, ApprovalMessage message) {
        this.requests = requests;
        this.message = message;
    }

    @Override
    public JobKind kind() {
        return JobKind.ANNOUNCE_DECISION;
    }

    @Override
    public JobResult run(Job job) {
        Optional<AccessRequest> found = requests.find(job.requestId());
        if (found.isEmpty()) {
            return JobResult.done();
        }
        AccessRequest request = found.get();
        if (request.state() == RequestState.DENIED) {
            message.show(request, Messages.approvalDenied(request));
            message.tell(request.requesterId(), Messages.deniedDm(request));
        } else if (request.state() == RequestState.CANCELLED) {
            String byWhom = requests.lastActor(request.id(), "cancelled").orElse(null);
            message.show(request, Messages.approvalCancelled(request, byWhom));
            message.tell(request.requesterId(), Messages.cancelledDm(request, byWhom));
        }
        return JobResult.done();
    }

    @Override
    public void giveUp(Job job, String reason) {
        // Nothing is retried here: both steps are best effort.
    }
}
