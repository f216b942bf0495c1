package com.lightsailaccess.reconcile;

import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamGroup;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * An admin chose "Remove from group" for a member that no grant accounts for: the user leaves the Lightsail group
 * (the only change the bot's policy allows it on a user it did not create) and the channel hears so.
 */
@ApplicationScoped
class RemoveMember implements JobHandler<MemberRemoval> {

    static final JobType<MemberRemoval> TYPE = JobType.of("REMOVE_MEMBER", MemberRemoval.class);

    private final ReconcileService ledger;
    private final IamGroup group;
    private final Notices notices;
    private final AccessLevels levels;
    private final JobQueue jobs;

    RemoveMember(ReconcileService ledger, IamGroup group, Notices notices, AccessLevels levels, JobQueue jobs) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.group = group;
        this.notices = notices;
        this.levels = levels;
    }

    @Override
    public JobType<MemberRemoval> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        MemberRemoval removal = job.payload(TYPE);
        long findingId = removal.findingId();
        String member = removal.member();
        // Checked under the job's fence, right before IAM is asked: a grant of this person's waits behind this job
        // in their order, so none can become current between this check and the removal.
        if (jobs.fencedCall(job, () -> ledger.keptByAGrant(findingId, member))) {
            // The finding is out of date: the bot has granted this user since it was reported.
            notices.send(null, Notice.toApprovalChannel(ReconcileMessages.removalFailed(member,
                    "it has a grant from Lightsail Access now, so it stays; revoke that grant instead", false)));
            return JobResult.done();
        }
        List<String> left = levels.all().stream().map(AccessLevel::group).toList();
        try {
            // Nobody granted it: out of every level's group (being in none of them is fine).
            left.forEach(name -> group.removeFromGroup(member, name));
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            failed(job, findingId, member, e.getMessage());
            return JobResult.failed(e.getMessage());
        }
        jobs.fenced(job, () -> {
            ledger.removed(findingId, member);
            notices.send(null, Notice.toApprovalChannel(ReconcileMessages.removed(member, String.join("`, `", left))));
        });
        return JobResult.done();
    }

    @Override
    public void giveUp(Job job, String reason) {
        MemberRemoval removal = job.payload(TYPE);
        failed(job, removal.findingId(), removal.member(), reason);
    }

    /** The removal did not happen: the finding says so, and the admins hear why. */
    private void failed(Job job, long findingId, String member, String why) {
        jobs.fenced(job, () -> {
            ledger.removalFailed(findingId, member, why);
            notices.send(null, Notice.toApprovalChannel(ReconcileMessages.removalFailed(member, why, true)));
        });
    }
}
