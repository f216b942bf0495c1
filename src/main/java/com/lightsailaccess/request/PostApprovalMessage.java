package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.block.LayoutBlock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Puts a new request in front of the admins. Runs after the requester's ack, so a slow or failing Web API never
 * costs them the 3 s; while Slack answers 429 or 5xx the request stays stored and this job is retried (honouring
 * Retry-After) until the message is posted, or, in the end, the requester is told and the request is cancelled.
 */
@ApplicationScoped
class PostApprovalMessage implements JobHandler<None> {

    static final JobType<None> TYPE = JobType.of("POST_APPROVAL_MESSAGE");

    private static final Logger LOG = Logger.getLogger(PostApprovalMessage.class);

    private final AccessRequestService requests;
    private final SlackNotifier notifier;
    private final Notices notices;
    private final ApprovalMessage message;

    public PostApprovalMessage(AccessRequestService requests, SlackNotifier notifier, Notices notices,
            ApprovalMessage message) {
        this.requests = requests;
        this.notifier = notifier;
        this.notices = notices;
        this.message = message;
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public int maxAttempts() {
        // With backoff capped at 5 minutes, about an hour of trying.
        return 16;
    }

    @Override
    public JobResult run(Job job) {
        // The request and its message are read in one transaction; the message is wasted only when the requester
        // turns out not to be eligible.
        Optional<Unposted> found = unposted(job.requestId());
        if (found.isEmpty()) {
            return JobResult.done();
        }
        AccessRequest request = found.get().request();
        try {
            Optional<String> refusal = AdminDirectory.refusalFor(notifier.userInfo(request.requesterId()),
                    request.requester().teamId(), request.requester().enterpriseId());
            if (refusal.isPresent()) {
                cancelAndTell(request, refusal.get(), ":no_entry: " + refusal.get() + " Request #" + request.id()
                        + " was not sent to the admins.", Optional.empty());
                return JobResult.done();
            }
            String ts = notifier.postToApprovalChannel(ApprovalMessages.approvalFallback(request),
                    found.get().blocks());
            requests.recordApprovalMessage(request.id(), notifier.approvalChannel(), ts);
            return JobResult.done();
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return e.retryResult();
            }
            // Will not work as it is (not_in_channel, invalid_auth…): a notice to that channel would fail the same
            // way, so only the requester is told.
            cancelUnposted(job, e.getMessage(), false);
            return JobResult.failed(e.getMessage());
        }
    }

    /** A pending request whose message is not posted yet, and that message. */
    record Unposted(AccessRequest request, List<LayoutBlock> blocks) {
    }

    /**
     * After about an hour of temporary failures. The notice for the admins is queued like any other: once the
     * channel answers again, they learn which request they missed.
     */
    @Override
    public void giveUp(Job job, String reason) {
        cancelUnposted(job, reason, true);
    }

    /**
     * Cancels a request whose approval message could not be posted. One whose message was posted and recorded
     * (its replica died before the job was marked done) is left as it is: the admins have it.
     */
    private void cancelUnposted(Job job, String reason, boolean tellAdmins) {
        requests.find(job.requestId()).filter(request -> request.approvalTs() == null).ifPresent(request ->
                cancelAndTell(request, "the approval message could not be posted: " + reason,
                        ":warning: Your request #" + request.id() + " could not be shown to the admins (Slack "
                                + "answered: " + reason + "). It was cancelled, so you can ask again; if this keeps "
                                + "happening, tell your Slack admins.",
                        tellAdmins ? Optional.of(Notice.toApprovalChannel(
                                ApprovalMessages.approvalPostFailedNotice(request, reason))) : Optional.empty()));
    }

    /**
     * Cancels the request and, with it, queues the answer to the requester (through the command's response_url) and
     * any notice for the admins.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void cancelAndTell(AccessRequest request, String why, String text, Optional<Notice> toAdmins) {
        if (requests.cancel(request.id(), AuditTrail.BOT, why)) {
            notices.send(request.id(), Notice.answer(request.requesterId(), request.responseUrl(),
                    request.createdAt(), text));
            toAdmins.ifPresent(notice -> notices.send(request.id(), notice));
        }
    }

    /** The request, when it still waits for its message, with the message: read in one transaction. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Unposted> unposted(long requestId) {
        return requests.find(requestId).filter(r -> r.approvalTs() == null && r.state() == RequestState.PENDING)
                .map(r -> new Unposted(r, message.blocksFor(r)));
    }
}
