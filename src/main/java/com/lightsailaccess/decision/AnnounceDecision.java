package com.lightsailaccess.decision;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.revoke.Revocation;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * After a denial or a cancellation the requester is told by DM (the approval message is updated with every change
 * of state). Not when their Slack account was deactivated: nobody would read it.
 */
@ApplicationScoped
class AnnounceDecision implements JobHandler<None> {

    static final JobType<None> TYPE = JobType.of("ANNOUNCE_DECISION");

    private final AccessRequestService requests;
    private final Notices notices;
    private final JobQueue jobs;

    public AnnounceDecision(AccessRequestService requests, Notices notices, JobQueue jobs) {
        this.requests = requests;
        this.notices = notices;
        this.jobs = jobs;
    }

    /** A request closed elsewhere (a revocation while it was pending): told as a decision is, after the commit. */
    void onClosed(@Observes Followups.Closed closed) {
        jobs.enqueue(TYPE, closed.requestId(), closed.requesterId(), null);
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        Optional<AccessRequest> found = requests.find(job.requestId());
        if (found.isEmpty()) {
            return JobResult.done();
        }
        AccessRequest request = found.get();
        if (request.state() == RequestState.DENIED) {
            notices.send(request.id(), Notice.toPerson(request.requesterId(), DecisionMessages.deniedDm(request)));
        } else if (request.state() == RequestState.CANCELLED) {
            String byWhom = requests.lastActor(request.id(), "cancelled").orElse(null);
            if (!Revocation.isDeparture(byWhom)) {
                notices.send(request.id(), Notice.toPerson(request.requesterId(),
                        DecisionMessages.cancelledDm(request, byWhom)));
            }
        }
        return JobResult.done();
    }

    @Override
    public void giveUp(Job job, String reason) {
        // Queuing a notice does not fail for reasons that waiting would fix.
    }
}
