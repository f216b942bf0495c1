package com.lightsailaccess.grant;

import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * An approved change of level: the holder's IAM user is added to the new level's group and then taken out of the old
 * one, with no new credentials (so that at no moment it has neither); the grant is at the new level from then, for the
 * duration the change asked for. A step IAM refuses for good closes the change, with the user back in the old group
 * alone, and the holder is told.
 */
@ApplicationScoped
class ChangeLevel implements JobHandler<None> {

    static final JobType<None> TYPE = JobType.of("CHANGE_LEVEL");

    private final LevelChanges changes;
    private final LevelGroups groups;
    private final JobQueue jobs;

    ChangeLevel(LevelChanges changes, LevelGroups groups, JobQueue jobs) {
        this.changes = changes;
        this.groups = groups;
        this.jobs = jobs;
    }

    /** In the approval's transaction: the change follows once it commits. */
    void onApproved(@Observes Followups.Approved approved) {
        if (approved.request().isLevelChange()) {
            jobs.enqueue(TYPE, approved.request().id(), approved.request().requesterId(), null);
        }
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public int maxAttempts() {
        return 6;
    }

    @Override
    public JobResult run(Job job) {
        Optional<LevelChanges.Move> begun = changes.begin(job.requestId());
        if (begun.isEmpty()) {
            return JobResult.done();
        }
        LevelChanges.Move move = begun.get();
        AccessLevel to = move.to();
        try {
            job.checkLease();
            groups.ensure(to);
            job.checkLease();
            groups.add(move.userName(), to);
            if (!move.from().group().equalsIgnoreCase(to.group())) {
                job.checkLease();
                groups.remove(move.userName(), move.from());
            }
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            return close(job, move, e.getMessage());
        }
        if (!jobs.fencedCall(job, () -> changes.finish(move))) {
            // The grant ended while its user moved (a revocation, an expiry): the new group's membership goes too.
            String ended = "grant #" + move.grantId() + " ended before the change could apply";
            try {
                groups.remove(move.userName(), to);
            } catch (IamFailure e) {
                if (e.transientFailure()) {
                    return JobResult.retry(e.getMessage());
                }
                String why = ended + "; IAM user " + move.userName() + " could not be taken out of " + to.group()
                        + " (" + e.getMessage() + ")";
                jobs.fenced(job, () -> changes.close(move.changeId(), why));
                return JobResult.failed(why);
            }
            jobs.fenced(job, () -> changes.close(move.changeId(), ended));
        }
        return JobResult.done();
    }

    /** Back to the old level alone, and the change closed with the reason. */
    private JobResult close(Job job, LevelChanges.Move move, String reason) {
        String undone = "";
        try {
            groups.add(move.userName(), move.from());
            if (!move.from().group().equalsIgnoreCase(move.to().group())) {
                groups.remove(move.userName(), move.to());
            }
        } catch (IamFailure e) {
            undone = "; the IAM user could not be put back in " + move.from().group() + " alone (" + e.getMessage()
                    + ")";
        }
        String why = reason + undone;
        jobs.fenced(job, () -> changes.close(move.changeId(), why));
        return JobResult.failed(why);
    }

    @Override
    public void giveUp(Job job, String reason) {
        changes.find(job.requestId()).ifPresent(move -> close(job, move, "gave up after repeated errors: " + reason));
    }
}
