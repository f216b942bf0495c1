package com.lightsailaccess.credentials;

import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.model.AccessRequestRepository.HeldKey;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
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
 * A key deleted meanwhile (its user was deleted) is left alone, and so is one already as the step would leave it.
 */
@ApplicationScoped
class OldKeySteps implements JobHandler<OldKey> {

    static final JobType<OldKey> TYPE = JobType.of("OLD_KEY", OldKey.class);

    private final KeyRotations rotations;
    private final AccessRequestService requests;
    private final IamCredentials iam;

    OldKeySteps(KeyRotations rotations, AccessRequestService requests, IamCredentials iam) {
        this.rotations = rotations;
        this.requests = requests;
        this.iam = iam;
    }

    @Override
    public JobType<OldKey> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        OldKey step = job.payload(TYPE);
        long id = job.requestId();
        Optional<HeldKey> key = rotations.heldKey(id, step.accessKeyId());
        boolean inactive = key.isPresent() && key.get().deactivatedAt() != null;
        boolean due = switch (step.step()) {
            case RETIRE -> key.isPresent() && !inactive;
            case REACTIVATE -> inactive;
            case DELETE -> key.isPresent() && rotations.dueForDeletion(key.get());
        };
        if (!due) {
            return JobResult.done();
        }
        String holder = requests.find(id).orElseThrow().requesterId();
        String userName = key.get().iamUserName();
        String keyId = step.accessKeyId();
        try {
            job.checkLease();
            switch (step.step()) {
                case RETIRE -> {
                    iam.setAccessKeyActive(userName, keyId, false);
                    rotations.deactivated(id, holder, keyId, iam.lastUse(userName, keyId));
                }
                case REACTIVATE -> {
                    iam.setAccessKeyActive(userName, keyId, true);
                    rotations.reactivated(id, holder, keyId);
                }
                case DELETE -> {
                    iam.deleteAccessKey(userName, keyId);
                    rotations.deleted(id, holder, keyId);
                }
            }
            return JobResult.done();
        } catch (IamFailure e) {
            return e.transientFailure() ? JobResult.retry(e.getMessage()) : JobResult.failed(e.getMessage());
        }
    }

    @Override
    public void giveUp(Job job, String reason) {
        OldKey step = job.payload(TYPE);
        rotations.note(job.requestId(), job.subject(), "old access key step failed", step.step() + " "
                + step.accessKeyId() + ": " + reason);
    }
}
