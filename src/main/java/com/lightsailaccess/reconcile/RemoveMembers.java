package com.lightsailaccess.reconcile;

import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamGroup;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An admin chose Remove all on a summary of members nobody granted: each member it listed leaves the Lightsail
 * group, and the channel hears once how it went. Every member is recorded as it is done, so a retry (IAM throttled)
 * goes on where the last attempt stopped. A member whose IAM user the bot once granted waits in that person's own
 * job order (a {@link RemoveMember} of its own), and each is checked for a grant right before IAM is asked, as a
 * single Remove is.
 */
@ApplicationScoped
class RemoveMembers implements JobHandler<MemberSummary> {

    static final JobType<MemberSummary> TYPE = JobType.of("REMOVE_MEMBERS", MemberSummary.class);

    private final ReconcileService ledger;
    private final IamGroup group;
    private final Notices notices;
    private final JobQueue jobs;
    private final HeldGrants grants;

    RemoveMembers(ReconcileService ledger, HeldGrants grants, IamGroup group, Notices notices, JobQueue jobs) {
        this.grants = grants;
        this.ledger = ledger;
        this.group = group;
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
        for (ReconcileService.Member member : ledger.membersOf(look.summaryId(), ReconcileService.REMOVING)) {
            JobResult stop = remove(job, member, look.group());
            if (stop != null) {
                return stop;
            }
        }
        jobs.fenced(job, () -> tellOutcome(look));
        return JobResult.done();
    }

    /** One member; a result when the job must stop here (IAM is away: retried later from this member on). */
    private JobResult remove(Job job, ReconcileService.Member member, String groupName) {
        String name = member.name();
        boolean handedOver = jobs.fencedCall(job, () -> {
            if (ledger.keptByAGrant(member.findingId(), name)) {
                return true;
            }
            if (grants.personOf(name).isPresent()) {
                ledger.removeLater(member.findingId(), name);
                ledger.handedOver(member.findingId());
                return true;
            }
            return false;
        });
        if (handedOver) {
            return null;
        }
        try {
            group.removeFromGroup(name, groupName);
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            jobs.fenced(job, () -> ledger.removalFailed(member.findingId(), name, e.getMessage()));
            return null;
        }
        jobs.fenced(job, () -> ledger.removed(member.findingId(), name));
        return null;
    }

    /** Once, when every member listed has been answered: how many left the group, and who could not. */
    private void tellOutcome(MemberSummary look) {
        notices.send(null, Notice.toApprovalChannel(ReconcileMessages.removedAll(look.group(),
                ledger.membersOf(look.summaryId(), ReconcileService.REMOVED).size(),
                ledger.membersOf(look.summaryId(), ReconcileService.REMOVAL_FAILED).stream()
                        .map(ReconcileService.Member::name).toList(),
                ledger.membersOf(look.summaryId(), ReconcileService.GRANTED_SINCE).size())));
    }

    @Override
    public void giveUp(Job job, String reason) {
        MemberSummary look = job.payload(TYPE);
        jobs.fenced(job, () -> {
            for (ReconcileService.Member member : ledger.membersOf(look.summaryId(), ReconcileService.REMOVING)) {
                ledger.removalFailed(member.findingId(), member.name(), reason);
            }
            tellOutcome(look);
        });
    }
}
