package com.lightsailaccess.credentials;

import com.lightsailaccess.credentials.SelfService.Action;
import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.grant.Reveals.OpenRevocations;
import com.lightsailaccess.iam.IamCredentials.KeyUse;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository.HeldKey;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Access keys rotated with an overlap. {@code /lightsail-access rotate-key}, Rotate now (the Home tab, the age
 * reminder): a second key is made and shown once ({@link RotateKey}); the old key keeps working for
 * {@code LIGHTSAIL_KEY_ROTATION_OVERLAP} or until Retire the old key, then is made inactive, and is deleted an
 * overlap later unless Reactivate brought it back ({@link OldKeySteps}). Only
 * the holder of an active grant with programmatic access, one rotation at a time, never a third key; every step is
 * audited, and the approval channel hears of each rotation.
 */
@ApplicationScoped
public class KeyRotations {

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final JobQueue jobs;
    private final OpenRevocations revocations;
    private final Notices notices;
    private final KeyRotation settings;
    private final SelfService selfService;
    private final Clock clock;
    private final Action action;

    KeyRotations(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs, OpenRevocations revocations,
            Notices notices, KeyRotation settings, SelfService selfService, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.revocations = revocations;
        this.notices = notices;
        this.settings = settings;
        this.selfService = selfService;
        this.clock = clock;
        this.action = new Action(RotateKey.TYPE, "rotate-key:", "access key", AccessType::programmatic,
                "is console only: it has no access key to rotate", this::oneAtATime, "key rotation asked",
                grant -> ":key: A new access key is on its way in a direct message from the bot. Your current key "
                        + "keeps working for " + settings.overlapText() + ", so you can switch.",
                ":hourglass_flowing_sand: A new access key is being made for you already. Nothing more changed.",
                RotationMessages::modal, RotationMessages.PREPARING, ":key: Your new access key appears in the "
                        + "window that opens now; your current one keeps working for " + settings.overlapText()
                        + ". No window? Nothing changed: ask again.");
    }

    /** The answer to the command or Rotate now, given with the acknowledgement. */
    public String answer(String person, String triggerId) {
        return selfService.answer(action, person, triggerId);
    }

    /** One rotation at a time: a reason while the old key of the last one is not deleted yet. */
    private Optional<String> oneAtATime(AccessRequest grant) {
        Optional<HeldKey> retiring = requests.heldKeys(grant.id()).stream().filter(HeldKey::retiring).findFirst();
        return retiring.map(key -> ":hourglass_flowing_sand: A rotation is under way: your old key `"
                + key.accessKeyId() + "` has not been deleted yet. Retire it (the button in the rotation's message) "
                + "and rotate again once it is gone. Nothing changed.");
    }

    /** Checked again by the job, under the grant's lock, before it makes anything: empty when it may. */
    Optional<String> whyNotNow(long grantId, String person) {
        return selfService.whyNotNow(action, grantId, person);
    }

    /** The keys the grant's holder has, oldest first. */
    @Transactional
    List<HeldKey> held(long grantId) {
        return requests.heldKeys(grantId);
    }

    @Transactional
    void issued(long grantId, String iamUserName, String accessKeyId) {
        requests.keyIssued(accessKeyId, grantId, iamUserName, clock.instant());
        audit.record(grantId, AuditTrail.BOT, "iam: CreateAccessKey", accessKeyId + " (rotation)");
    }

    /** A key made for a rotation that nobody received: deleted again. */
    @Transactional
    void withdrawn(long grantId, String accessKeyId, String why) {
        requests.keyDeleted(accessKeyId, clock.instant());
        audit.record(grantId, AuditTrail.BOT, "iam: DeleteAccessKey", accessKeyId + " (" + why + ")");
    }

    /** When the old key of a rotation made now stops working, unless retired sooner. */
    Instant overlapEnd() {
        return clock.instant().plus(settings.overlap());
    }

    /**
     * The new key reached its holder: recorded with the old one it replaces, the overlap's end set, the holder
     * given Retire the old key (in a message without a secret), the approval channel told. An old key that is inactive
     * already (made so when it was overdue) has no overlap: its deletion is set at once, with Reactivate.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void rotated(AccessRequest grant, HeldKey old, Optional<KeyUse> oldUse, String newKey, Instant until,
            boolean inModal) {
        long id = grant.id();
        String oldKey = old.accessKeyId();
        requests.keyDelivered(newKey, clock.instant());
        requests.keyReplaced(oldKey, newKey);
        audit.record(id, grant.requesterId(), "access key rotated", oldKey + " -> " + newKey + "; shown "
                + (inModal ? "once in a modal" : "by direct message") + (old.deactivatedAt() != null
                        ? "; the old key was inactive already" : "; the old key works until " + until));
        if (old.deactivatedAt() != null) {
            deactivated(id, new Locked(grant.requesterId(), true), oldKey, oldUse);
        } else {
            OldKey retire = new OldKey(oldKey, OldKey.Step.RETIRE);
            jobs.enqueueAt(OldKeySteps.TYPE, id, retire.dedupKey(), retire, retire.dedupKey(), until);
            notices.send(id, Notice.toPerson(grant.requesterId(), RotationMessages.overlapFallback(id),
                    RotationMessages.overlap(id, newKey, oldKey, until)));
        }
        notices.send(id, Notice.toApprovalChannel(":arrows_counterclockwise: " + Mrkdwn.user(grant.requesterId())
                + " rotated the access key of IAM user `" + Mrkdwn.escape(grant.iamUserName()) + "` (request #" + id
                + "): new key `" + newKey + "`, the old key `" + oldKey + "` " + (old.deactivatedAt() != null
                        ? "was inactive already." : "works until " + Mrkdwn.date(until) + ".")));
    }

    /** Retire the old key, clicked by the holder: the overlap's end is now. */
    @AckPath
    String retireNow(long grantId, String clicker) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || !grant.requesterId().equals(clicker)) {
            return Replies.notYourGrant(grantId);
        }
        Optional<HeldKey> old = requests.heldKeys(grantId).stream().filter(HeldKey::retiring)
                .filter(k -> k.deactivatedAt() == null).findFirst();
        if (old.isEmpty() || !jobs.makeDue(new OldKey(old.get().accessKeyId(), OldKey.Step.RETIRE).dedupKey())) {
            return ":information_source: There is no old access key left to retire. Nothing changed.";
        }
        audit.record(grantId, clicker, "old access key retirement asked", old.get().accessKeyId());
        return ":hourglass_flowing_sand: Your old access key `" + old.get().accessKeyId() + "` is being made "
                + "inactive now.";
    }

    /** Reactivate, clicked by the holder: the inactive old key works again, for another overlap. */
    @AckPath
    String reactivate(long grantId, String clicker) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || !grant.requesterId().equals(clicker)) {
            return Replies.notYourGrant(grantId);
        }
        if (grant.state() != RequestState.ACTIVE || revocations.revocationOpen(grantId)) {
            return ":information_source: Your access has ended, so no key is reactivated. Nothing changed.";
        }
        Optional<HeldKey> old = requests.heldKeys(grantId).stream().filter(HeldKey::retiring)
                .filter(k -> k.deactivatedAt() != null).findFirst();
        if (old.isEmpty()) {
            return ":information_source: There is no inactive old access key to reactivate (it may have been "
                    + "deleted already). Nothing changed.";
        }
        String keyId = old.get().accessKeyId();
        OldKey step = new OldKey(keyId, OldKey.Step.REACTIVATE);
        if (!jobs.enqueueOnce(OldKeySteps.TYPE, grantId, step.dedupKey(), step, step.dedupKey(), clock.instant())) {
            return ":hourglass_flowing_sand: Your old access key is being reactivated already.";
        }
        audit.record(grantId, clicker, "old access key reactivation asked", keyId);
        return ":hourglass_flowing_sand: Your old access key `" + keyId + "` is being reactivated.";
    }

    /** The key as the grant has it now, if its holder still has it. */
    @Transactional
    Optional<HeldKey> heldKey(long grantId, String accessKeyId) {
        return requests.heldKeys(grantId).stream().filter(k -> k.accessKeyId().equals(accessKeyId)).findFirst();
    }

    /** A grant's holder, and whether the grant still gives access (no revocation under way), under its lock. */
    record Locked(String holder, boolean active) {
    }

    /** Locks the grant for a step on its old key (inside the step's transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    Locked lock(long grantId) {
        AccessRequest grant = requests.lock(grantId);
        return new Locked(grant.requesterId(), grant.state() == RequestState.ACTIVE
                && !revocations.revocationOpen(grantId));
    }

    /**
     * The old key is inactive: recorded, its deletion set for an overlap later, and the holder of a grant that goes
     * on told, with Reactivate (someone whose access ended is not offered a key back).
     */
    @Transactional
    void deactivated(long grantId, Locked grant, String keyId, Optional<KeyUse> lastUse) {
        Instant now = clock.instant();
        Instant deleteAt = now.plus(settings.overlap());
        requests.keyDeactivated(keyId, now);
        audit.record(grantId, AuditTrail.BOT, "old access key deactivated", keyId + "; "
                + RotationMessages.lastUsedPlain(lastUse) + "; deleted at " + deleteAt + " unless reactivated");
        OldKey delete = new OldKey(keyId, OldKey.Step.DELETE);
        jobs.enqueueAt(OldKeySteps.TYPE, grantId, delete.dedupKey(), delete, null, deleteAt);
        if (grant.active()) {
            notices.send(grantId, Notice.toPerson(grant.holder(), RotationMessages.retiredFallback(keyId),
                    RotationMessages.retired(grantId, keyId, lastUse, deleteAt)));
        }
    }

    /** The old key works again: its retirement set for another overlap, the holder told. */
    @Transactional
    void reactivated(long grantId, String holder, String keyId) {
        Instant until = overlapEnd();
        requests.keyDeactivated(keyId, null);
        audit.record(grantId, holder, "old access key reactivated", keyId + "; works until " + until);
        OldKey retire = new OldKey(keyId, OldKey.Step.RETIRE);
        jobs.enqueueOnce(OldKeySteps.TYPE, grantId, retire.dedupKey(), retire, retire.dedupKey(), until);
        notices.send(grantId, Notice.toPerson(holder, "Your old access key " + keyId + " works again",
                RotationMessages.reactivated(grantId, keyId, until)));
    }

    /** Whether the inactive key's time is up: inactive for a whole overlap (not reactivated since). */
    boolean dueForDeletion(HeldKey key) {
        return key.deactivatedAt() != null && !key.deactivatedAt().plus(settings.overlap()).isAfter(clock.instant());
    }

    /** The old key is gone from IAM. */
    @Transactional
    void deleted(long grantId, Locked grant, String keyId) {
        requests.keyDeleted(keyId, clock.instant());
        audit.record(grantId, AuditTrail.BOT, "old access key deleted", keyId);
        if (grant.active()) {
            notices.send(grantId, Notice.toPerson(grant.holder(), RotationMessages.deleted(keyId)));
        }
    }

    /**
     * A step on the old key failed for good: recorded, and the holder told that the key stays as it was. A key that
     * IAM no longer has ({@code gone}) is recorded as deleted, so that no rotation waits on it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void stepFailed(long grantId, String keyId, OldKey.Step step, String reason, boolean gone) {
        String holder = requests.findById(grantId).requesterId();
        if (gone) {
            requests.keyDeleted(keyId, clock.instant());
            audit.record(grantId, AuditTrail.BOT, "old access key gone from IAM", keyId + " (" + reason + ")");
            return;
        }
        audit.record(grantId, AuditTrail.BOT, "old access key step failed", step + " " + keyId + ": " + reason);
        notices.send(grantId, Notice.toPerson(holder, ":warning: Your old access key `" + keyId + "` could not be "
                + switch (step) {
                    case RETIRE -> "made inactive";
                    case REACTIVATE -> "made active again";
                    case DELETE -> "deleted";
                } + " (" + Mrkdwn.escape(reason) + "). It stays as it was; the admins can see why in the audit "
                + "trail."));
    }

    /** A step that did not happen, recorded with its reason. */
    @Transactional
    void note(long grantId, String actor, String action, String detail) {
        audit.record(grantId, actor, action, detail);
    }
}
