package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Shows a request's current state on its approval message. Queued with every change of state; reads the state
 * when it runs, so a late or repeated run still ends with the latest state shown. Slack's 429 waits for its
 * Retry-After.
 */
@ApplicationScoped
class UpdateApprovalMessage implements JobHandler<None> {

    static final JobType<None> TYPE = JobType.of("UPDATE_APPROVAL_MESSAGE");

    private static final Logger LOG = Logger.getLogger(UpdateApprovalMessage.class);

    private final AccessRequestService requests;
    private final ApprovalMessage message;
    private final SlackNotifier notifier;
    private final JobQueue jobs;

    public UpdateApprovalMessage(AccessRequestService requests, ApprovalMessage message, SlackNotifier notifier,
            JobQueue jobs) {
        this.requests = requests;
        this.message = message;
        this.notifier = notifier;
        this.jobs = jobs;
    }

    /**
     * The request's state changed: show the new one. The update reads the state when it runs, so one waiting update
     * per message is enough; updates of one message run one at a time, in order. Queued before the Home tabs' job.
     */
    void onChanged(@Observes @Priority(1) Followups.Changed changed) {
        if (changed.approvalMessage()) {
            jobs.enqueueUnlessWaiting(TYPE, changed.requestId(), "approval-message:" + changed.requestId(), null);
        }
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public int maxAttempts() {
        return 12;
    }

    @Override
    public JobResult run(Job job) {
        Optional<AccessRequest> found = requests.find(job.requestId());
        if (found.isEmpty() || found.get().approvalTs() == null) {
            // Not posted yet: the post shows the state of its moment, and recording it queues another update.
            return JobResult.done();
        }
        AccessRequest request = found.get();
        try {
            notifier.update(request.approvalChannel(), request.approvalTs(), ApprovalMessages.approvalFallback(request),
                    message.blocksFor(request));
            return JobResult.done();
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return e.retryResult();
            }
            LOG.warnf("The approval message of request #%d could not be updated: %s", request.id(), e.getMessage());
            return JobResult.failed(e.getMessage());
        }
    }

    @Override
    public void giveUp(Job job, String reason) {
        LOG.warnf("Gave up updating the approval message of request #%d: %s", job.requestId(), reason);
    }
}
