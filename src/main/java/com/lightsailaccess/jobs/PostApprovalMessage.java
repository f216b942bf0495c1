package com.lightsailaccess.jobs;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.access.AuditTrail;
import com.lightsailaccess.access.RequestState;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Puts a new request in front of the admins. Runs after the requester's ack, so a slow or failing Web API never
 * costs them the 3 s; while Slack answers 429 or 5xx the request stays stored and this job is retried (honouring
 * Retry-After) until the message is posted, or, in the end, the requester is told and the request is cancelled.
 */
@ApplicationScoped
public class PostApprovalMessage implements JobHandler {

    private static final Logger LOG = Logger.getLogger(PostApprovalMessage.class);

    private final AccessRequestService requests;
    private final SlackNotifier notifier;

    public PostApprovalMessage(AccessRequestService requests, SlackNotifier notifier) {
        this.requests = requests;
        this.notifier = notifier;
    }

    @Override
    public JobKind kind() {
        return JobKind.POST_APPROVAL_MESSAGE;
    }

    @Override
    public int maxAttempts() {
        // With backoff capped at 5 minutes, about an hour of trying.
        return 16;
    }

    @Override
    public JobResult run(Job job) {
        Optional<AccessRequest> found = requests.find(job.requestId());
        if (found.isEmpty() || found.get().approvalTs() != null || found.get().state() != RequestState.PENDING) {
            return JobResult.done();
        }
        AccessRequest request = found.get();
        try {
            Optional<String> refusal = refusalFor(notifier.userInfo(request.requesterId()), request);
            if (refusal.isPresent()) {
                if (requests.cancel(request.id(), AuditTrail.BOT, refusal.get())) {
                    tellRequester(request, ":no_entry: " + refusal.get() + " Request #" + request.id()
                            + " was not sent to the admins.");
                }
                return JobResult.done();
            }
            String ts = notifier.postToApprovalChannel(Messages.approvalFallback(request),
                    Messages.approvalRequest(request));
            requests.recordApprovalMessage(request.id(), notifier.approvalChannel(), ts);
            return JobResult.done();
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return JobResult.retryAfterSlack(e);
            }
            giveUp(job, e.getMessage());
            return JobResult.failed(e.getMessage());
        }
    }

    /** Guests and people from another workspace (Slack Connect) cannot ask for access. */
    static Optional<String> refusalFor(User user, AccessRequest request) {
        if (user == null) {
            return Optional.of("Your Slack account could not be looked up.");
        }
        if (user.isRestricted() || user.isUltraRestricted()) {
            return Optional.of("Guest accounts cannot request Lightsail access.");
        }
        if (user.isStranger() || (request.teamId() != null && user.getTeamId() != null
                && !Objects.equals(user.getTeamId(), request.teamId()))) {
            return Optional.of("Only members of this workspace can request Lightsail access.");
        }
        return Optional.empty();
    }

    @Override
    public void giveUp(Job job, String reason) {
        requests.find(job.requestId()).ifPresent(request -> {
            if (requests.cancel(request.id(), AuditTrail.BOT, "the approval message could not be posted: " + reason)) {
                tellRequester(request, ":warning: Your request #" + request.id() + " could not be shown to the "
                        + "admins (Slack answered: " + reason + "). It was cancelled, so you can ask again; if this "
                        + "keeps happening, tell your Slack admins.");
                // The channel failed for an hour; if it answers now, the admins learn what they missed.
                try {
                    notifier.postTextToApprovalChannel(Messages.approvalPostFailedNotice(request, reason));
                } catch (SlackCallException e) {
                    LOG.warnf("Could not tell the admins that request #%d was not posted: %s", request.id(),
                            e.getMessage());
                }
            }
        });
    }

    private void tellRequester(AccessRequest request, String text) {
        try {
            if (request.responseUrl() != null) {
                notifier.respondEphemeral(request.responseUrl(), text);
            } else {
                notifier.directMessage(request.requesterId(), text);
            }
        } catch (SlackCallException e) {
            LOG.warnf("Could not tell the requester of request #%d: %s", request.id(), e.getMessage());
        }
    }
}
