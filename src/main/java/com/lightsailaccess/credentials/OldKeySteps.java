package com.lightsailaccess.credentials;

import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.model.AccessRequestRepository.HeldKey;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * What happens to a rotation's old access key after the new one was delivered:
 * <ul>
 * <li>{@code RETIRE} (the overlap's end, or the holder's Retire the old key): made inactive ({@code UpdateAccessKey
 * Inactive}); the holder hears when it was last used, with Reactivate, and its deletion is set an overlap later;</li>
 * <li>{@code REACTIVATE}: active again ({@code UpdateAccessKey Active}) until another overlap ends;</li>
 * <li>{@code DELETE}: deleted, if it is still inactive a whole overlap after it was made so.</li>
 * </ul>
 * Each step decides, calls IAM and records under the grant's lock and the job's fence, so that two steps on one key
 * (a Reactivate clicked as the deletion comes due) take turns and each sees what the other did. A key deleted
 * meanwhile is left alone, and so is one already as the step would leave it; one that IAM no longer has is recorded
 * as gone. A step that fails for good is recorded and its holder told; the key stays as it was.
 */
@ApplicationScoped
class OldKeySteps implements JobHandler<OldKey> {

    static final JobType<OldKey> TYPE = JobType.of("OLD_KEY", OldKey.class);

    private final KeyRotations rotations;
    private final IamCredentials iam;
    private final JobQueue jobs;

    OldKeySteps(KeyRotations rotations, IamCredentials iam, JobQueue jobs) {
        this.rotations = rotations;
        this.iam = iam;
        this.jobs = jobs;
    }

    @Override
    public JobType<OldKey> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        OldKey step = job.payload(TYPE);
        long id = job.requestId();
        try {
            jobs.fenced(job, () -> {
                KeyRotations.Locked grant = rotations.lock(id);
                Optional<HeldKey> key = rotations.heldKey(id, step.accessKeyId());
                boolean inactive = key.isPresent() && key.get().deactivatedAt() != null;
                boolean due = switch (step.step()) {
                    case RETIRE -> key.isPresent() && !inactive;
                    case REACTIVATE -> inactive && grant.active();
                    case DELETE -> key.isPresent() && rotations.dueForDeletion(key.get());
                };
                if (due) {
                    act(id, grant, key.get(), step.step());
                }
            });
            return JobResult.done();
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            failed(job, e.getMessage(), "NoSuchEntity".equals(e.code()));
            return JobResult.failed(e.getMessage());
        }
    }

    private void act(long id, KeyRotations.Locked grant, HeldKey key, OldKey.Step step) {
        String keyId = key.accessKeyId();
        String userName = key.iamUserName();
        switch (step) {
            case RETIRE -> {
                iam.setAccessKeyActive(userName, keyId, false);
                rotations.deactivated(id, grant, keyId, iam.lastUse(userName, keyId));
            }
            case REACTIVATE -> {
                iam.setAccessKeyActive(userName, keyId, true);
                rotations.reactivated(id, grant.holder(), keyId);
            }
            case DELETE -> {
                iam.deleteAccessKey(userName, keyId);
                rotations.deleted(id, grant, keyId);
            }
        }
    }

    /** Recorded, and the holder told; a key IAM no longer has is recorded as gone, so that no rotation waits on it. */
    private void failed(Job job, String reason, boolean gone) {
        OldKey step = job.payload(TYPE);
        rotations.stepFailed(job.requestId(), step.accessKeyId(), step.step(), reason, gone);
    }

    @Override
    public void giveUp(Job job, String reason) {
        failed(job, reason, false);
    }
}
