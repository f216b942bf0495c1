package com.lightsailaccess.reconcile;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.lightsailaccess.slack.notify.SpreadsheetCsv;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Members nobody granted, found together (see {@link Reconcile}): they go to the approval channel as one CSV
 * (the same upload as {@code /lightsail-audit}'s), followed by one summary with Remove all and Keep all, not one
 * message per member. A retry after Slack shared the file but before the summary was queued shares it again;
 * nothing is lost.
 */
@ApplicationScoped
class PostMemberSummary implements JobHandler<MemberSummary> {

    static final JobType<MemberSummary> TYPE = JobType.of("POST_MEMBER_SUMMARY", MemberSummary.class);

    private static final Logger LOG = Logger.getLogger(PostMemberSummary.class);

    private final ReconcileService ledger;
    private final SlackNotifier notifier;
    private final Notices notices;
    private final JobQueue jobs;

    PostMemberSummary(ReconcileService ledger, SlackNotifier notifier, Notices notices, JobQueue jobs) {
        this.ledger = ledger;
        this.notifier = notifier;
        this.notices = notices;
        this.jobs = jobs;
    }

    @Override
    public JobType<MemberSummary> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        MemberSummary look = job.payload(TYPE);
        List<String> members = ledger.membersOf(look.summaryId(), null).stream().map(ReconcileService.Member::name)
                .toList();
        if (members.isEmpty()) {
            // Answered already (a retry after the summary went out): nothing left to list.
            return JobResult.done();
        }
        try {
            notifier.uploadFile(notifier.approvalChannel(), ReconcileMessages.summaryFileName(look.group()),
                    ReconcileMessages.summaryTitle(look.group()), SpreadsheetCsv.of(List.of("iam user name"),
                            members.stream().map(List::of).toList()),
                    ReconcileMessages.summaryFallback(look.group(), members.size()));
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return e.retryResult();
            }
            // The list cannot be shared (say, uploads disabled): the summary still goes out, and says so.
            LOG.warnf("The list of members of %s nobody granted could not be uploaded: %s", look.group(),
                    e.getMessage());
            jobs.fenced(job, () -> summary(look, members.size(), e.getMessage()));
            return JobResult.done();
        }
        jobs.fenced(job, () -> summary(look, members.size(), null));
        return JobResult.done();
    }

    private void summary(MemberSummary look, int count, String uploadFailure) {
        notices.send(null, Notice.toApprovalChannel(ReconcileMessages.summaryFallback(look.group(), count),
                ReconcileMessages.summary(look.summaryId(), look.group(), count, look.first(), uploadFailure)));
    }

    @Override
    public void giveUp(Job job, String reason) {
        MemberSummary look = job.payload(TYPE);
        summary(look, ledger.membersOf(look.summaryId(), null).size(), reason);
    }
}
