package com.lightsailaccess.slack.notify;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.slack.api.model.block.LayoutBlock;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends one {@link Notice}. Slack's 429 waits for its Retry-After, posts to the approval channel wait for their
 * turn (about one a second), 5xx and network trouble are retried with backoff; an error Slack does not call
 * temporary (invalid_auth, channel_not_found, …) ends the job, logged.
 */
@ApplicationScoped
class Notify implements JobHandler<Notice> {

    static final JobType<Notice> TYPE = JobType.of("NOTIFY", Notice.class);

    private static final Logger LOG = Logger.getLogger(Notify.class);

    private final SlackNotifier notifier;

    public Notify(SlackNotifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public JobType<Notice> type() {
        return TYPE;
    }

    @Override
    public int maxAttempts() {
        return 12;
    }

    @Override
    public JobResult run(Job job) {
        Notice notice = job.payload(TYPE);
        try {
            job.checkLease();
            List<LayoutBlock> blocks = notice.blocks();
            switch (notice.target()) {
                case APPROVAL_CHANNEL -> {
                    if (blocks == null) {
                        notifier.postTextToApprovalChannel(notice.text());
                    } else {
                        notifier.postToApprovalChannel(notice.text(), blocks);
                    }
                }
                case PERSON -> {
                    if (blocks == null) {
                        notifier.directMessage(notice.to(), notice.text());
                    } else {
                        notifier.directMessage(notice.to(), notice.text(), blocks);
                    }
                }
                case UPDATE -> notifier.update(notice.to(), notice.ts(), notice.text(), blocks);
                case ANSWER -> notifier.respondOrDirectMessage(notice.responseUrl(),
                        notice.responseUrlIssuedAt() == null ? null
                                : Instant.ofEpochSecond(notice.responseUrlIssuedAt()), notice.to(), notice.text());
            }
            return JobResult.done();
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return e.retryResult();
            }
            LOG.warnf("A notice for request #%s could not be sent: %s", job.requestId(), e.getMessage());
            return JobResult.failed(e.getMessage());
        }
    }

    @Override
    public void giveUp(Job job, String reason) {
        LOG.warnf("Gave up sending a notice for request #%s: %s", job.requestId(), reason);
    }
}
