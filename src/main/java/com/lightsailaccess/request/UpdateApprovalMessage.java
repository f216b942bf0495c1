package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobResult;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.lightsailaccess.slack.notify.SlackResults;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Shows a request's current state on its approval message. Queued with every change of state; reads the state
 * when it runs, so a late or repeated run still ends with the latest state shown. Slack's 429 waits for its
 * Retry-After.
 */
@ApplicationScoped
class UpdateApprovalMessage implements JobHandler {

    private static final Logger LOG = Logger.getLogger(UpdateApprovalMessage.class);

    private final AccessRequestService requests;
    private final ApprovalMessage message;
    private final SlackNotifier notifier;

    public UpdateApprovalMessage(AccessRequestService requests, ApprovalMessage message, SlackNotifier notifier) {
        this.requests = requests;
        this.message = message;
        this.notifier = notifier;
    }

    @Override
    public JobKind kind() {
        return JobKind.UPDATE_APPROVAL_MESSAGE;
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
                return SlackResults.retry(e);
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
