package com.lightsailaccess.credentials;

import com.lightsailaccess.iam.IamCredentials.AccessKeySecret;
import com.lightsailaccess.iam.IamCredentials.KeyUse;
import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository.HeldKey;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue.LeaseLostException;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.SlackCallException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rotation's first step: a second access key is made ({@code CreateAccessKey}) and shown once, in one DM or in
 * the modal the holder opened, while the old key keeps working. IAM allows two keys per user: with two there already,
 * nothing is made and the holder hears why. A new key that could not be shown is deleted at once, so no key stays
 * valid whose secret nobody holds.
 */
@ApplicationScoped
class RotateKey implements JobHandler<ShownIn> {

    static final JobType<ShownIn> TYPE = JobType.of("ROTATE_KEY", ShownIn.class);

    /** IAM's limit of access keys per user. */
    static final int IAM_KEY_LIMIT = 2;
    private static final String MODAL_GONE = "not_found";

    private final KeyRotations rotations;
    private final AccessRequestService requests;
    private final IamCredentials iam;
    private final JobQueue jobs;
    private final SelfService selfService;

    RotateKey(KeyRotations rotations, AccessRequestService requests, IamCredentials iam, JobQueue jobs,
            SelfService selfService) {
        this.rotations = rotations;
        this.requests = requests;
        this.iam = iam;
        this.jobs = jobs;
        this.selfService = selfService;
    }

    @Override
    public JobType<ShownIn> type() {
        return TYPE;
    }

    @Override
    public int maxAttempts() {
        return 4;
    }

    @Override
    public JobResult run(Job job) {
        ShownIn target = job.payload(TYPE);
        long id = job.requestId();
        String person = job.subject();
        Optional<String> whyNot = rotations.whyNotNow(id, person);
        if (whyNot.isPresent()) {
            return refuse(id, person, target, whyNot.get().replace("Nothing changed.", "No key was made."));
        }
        AccessRequest grant = requests.find(id).orElseThrow();
        String userName = grant.iamUserName();
        List<HeldKey> held = rotations.held(id);
        if (held.isEmpty()) {
            return refuse(id, person, target, ":information_source: The bot delivered no access key of your access "
                    + "(request #" + id + ") that is still there, so there is none to rotate. No key was made.");
        }
        HeldKey old = held.get(held.size() - 1);
        String oldKey = old.accessKeyId();
        try {
            List<String> inIam = iam.accessKeyIds(userName);
            if (inIam.size() >= IAM_KEY_LIMIT) {
                return refuse(id, person, target, ":no_entry: Your IAM user `" + userName + "` has " + inIam.size()
                        + " access keys already (" + String.join(", ", inIam) + "), and IAM allows two: a rotation "
                        + "would need a third. No key was made; ask an admin which one can go.");
            }
            job.checkLease();
            AccessKeySecret key = iam.createAccessKey(userName);
            try {
                job.checkLease();
                rotations.issued(id, userName, key.accessKeyId());
            } catch (LeaseLostException e) {
                iam.deleteAccessKey(userName, key.accessKeyId());
                throw e;
            }
            Instant until = rotations.overlapEnd();
            // An old key that is inactive already gets no overlap: what it was last used for is told at once.
            Optional<KeyUse> oldUse = old.deactivatedAt() == null ? Optional.empty() : iam.lastUse(userName, oldKey);
            Optional<SlackCallException> unshown = jobs.fencedCall(job, () -> {
                try {
                    selfService.show(person, target, RotationMessages::modal, RotationMessages.newKeyFallback(id),
                            RotationMessages.newKey(id, userName, key.accessKeyId(), key.secretAccessKey(), oldKey,
                                    old.deactivatedAt() == null ? Optional.of(until) : Optional.empty(),
                                    target.inModal()));
                } catch (SlackCallException e) {
                    return Optional.of(e);
                }
                rotations.rotated(grant, old, oldUse, key.accessKeyId(), until, target.inModal());
                return Optional.empty();
            });
            if (unshown.isEmpty()) {
                return JobResult.done();
            }
            SlackCallException e = unshown.get();
            // Nobody holds the new key: it goes, and the old one stays as it was.
            iam.deleteAccessKey(userName, key.accessKeyId());
            rotations.withdrawn(id, key.accessKeyId(), "the new key could not be shown (" + e.error() + ")");
            if (e.transientFailure() && !MODAL_GONE.equals(e.error())) {
                return e.retryResult();
            }
            tell(person, new ShownIn(null), ":warning: Your new access key (request #" + id + ") could not be "
                    + "shown to you, so it was deleted again; your current key is unchanged. Ask again with "
                    + "`/lightsail-access rotate-key`.");
            return JobResult.failed("the new key could not be shown (" + e.error() + ")");
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            giveUp(job, e.getMessage());
            return JobResult.failed(e.getMessage());
        }
    }

    private JobResult refuse(long id, String person, ShownIn target, String why) {
        rotations.note(id, person, "key rotation refused", why);
        tell(person, target, why);
        return JobResult.done();
    }

    @Override
    public void giveUp(Job job, String reason) {
        rotations.note(job.requestId(), job.subject(), "key rotation failed", reason);
        tell(job.subject(), job.payload(TYPE), ":x: Your access key (request #" + job.requestId() + ") could not "
                + "be rotated: " + reason + ". Your current key is unchanged.");
    }

    private void tell(String person, ShownIn target, String text) {
        selfService.tell(person, target, RotationMessages::modal, text);
    }
}
