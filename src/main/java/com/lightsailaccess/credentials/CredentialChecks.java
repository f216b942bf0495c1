package com.lightsailaccess.credentials;

import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.AccessRequestRepository.HeldKey;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A grant's credentials as reconciliation looks at them, one grant at a time. The active access key: its last use is
 * recorded (for the status and the Home tabs); older than {@code LIGHTSAIL_KEY_MAX_AGE}, its holder gets one DM with
 * its age, its last use and Rotate now; at the age plus the overlap the admins are told once, and with
 * {@code LIGHTSAIL_KEY_ROTATION_ENFORCE=true} the key is made inactive (and its holder told). With MFA required in the
 * console, a console user's MFA devices: none after {@code LIGHTSAIL_MFA_GRACE} gets its holder one reminder, and the
 * admins see "no MFA".
 */
@ApplicationScoped
public class CredentialChecks {

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final Notices notices;
    private final IamCredentials iam;
    private final KeyRotation settings;
    private final HealthRecords health;
    private final Provisioning provisioning;
    private final MfaGrace mfaGrace;
    private final Clock clock;

    CredentialChecks(AccessRequestRepository requests, AuditTrail audit, Notices notices, IamCredentials iam,
            KeyRotation settings, HealthRecords health, Provisioning provisioning, MfaGrace mfaGrace, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.notices = notices;
        this.iam = iam;
        this.settings = settings;
        this.health = health;
        this.provisioning = provisioning;
        this.mfaGrace = mfaGrace;
        this.clock = clock;
    }

    /** Looks at the credentials of an active grant held by {@code holder} since {@code since}. */
    public void check(long grantId, String holder, Instant since) {
        Optional<Checked> grant = checked(grantId);
        if (grant.isEmpty()) {
            return;
        }
        if (grant.get().type().programmatic()) {
            current(grantId).ifPresent(key -> checkKey(grantId, holder, key));
        }
        if (grant.get().type().console() && provisioning.mfaPolicy().isPresent()) {
            checkMfa(grantId, holder, grant.get().iamUserName(), since);
        }
    }

    /** What is looked at: the grant's access type and its IAM user. */
    record Checked(AccessType type, String iamUserName) {
    }

    @Transactional
    Optional<Checked> checked(long grantId) {
        return requests.findByIdOptional(grantId).filter(g -> g.iamUserName() != null && !g.dryRun())
                .map(g -> new Checked(g.accessType(), g.iamUserName()));
    }

    private void checkKey(long grantId, String holder, HeldKey key) {
        Optional<IamCredentials.KeyUse> lastUse = iam.lastUse(key.iamUserName(), key.accessKeyId());
        keyUseSeen(grantId, lastUse);
        Duration age = Duration.between(key.createdAt(), clock.instant());
        if (settings.maxAge().isEmpty() || age.compareTo(settings.maxAge().get()) < 0) {
            return;
        }
        Duration maxAge = settings.maxAge().get();
        if (key.ageRemindedAt() == null) {
            remind(grantId, holder, key, age, lastUse);
        }
        if (key.overdueToldAt() == null && age.compareTo(maxAge.plus(settings.overlap())) >= 0) {
            if (settings.enforce()) {
                iam.setAccessKeyActive(key.iamUserName(), key.accessKeyId(), false);
            }
            overdue(grantId, holder, key, age);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void keyUseSeen(long grantId, Optional<IamCredentials.KeyUse> lastUse) {
        health.keyUseSeen(grantId, lastUse, clock.instant());
    }

    /** The console user's MFA devices: recorded; none after the grace, its holder reminded once. */
    private void checkMfa(long grantId, String holder, String userName, Instant since) {
        boolean present = iam.hasMfaDevice(userName);
        boolean due = !present && since != null && !since.plus(mfaGrace.length()).isAfter(clock.instant());
        mfaSeen(grantId, holder, userName, present, due);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void mfaSeen(long grantId, String holder, String userName, boolean present, boolean remindIfNotYet) {
        Instant now = clock.instant();
        boolean remindedBefore = health.of(grantId).map(seen -> seen.mfaRemindedAt() != null).orElse(false);
        health.mfaSeen(grantId, present, now);
        if (remindIfNotYet && !remindedBefore) {
            health.mfaReminded(grantId, now);
            audit.record(grantId, AuditTrail.BOT, "MFA reminder", "IAM user " + userName + " has no MFA device");
            notices.send(grantId, Notice.toPerson(holder, ":lock: Your IAM user `" + Mrkdwn.escape(userName)
                    + "` has no MFA device yet, and the console allows you nothing else without one. Sign in, then "
                    + "your name at the top right → *Security credentials* → *Assign MFA device*; sign in again "
                    + "with the code."));
        }
    }

    /** The grant's newest key that is active and not being replaced (during a rotation: the new one). */
    @Transactional
    Optional<HeldKey> current(long grantId) {
        return requests.heldKeys(grantId).stream().filter(k -> !k.retiring() && k.deactivatedAt() == null)
                .reduce((older, newer) -> newer);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void remind(long grantId, String holder, HeldKey key, Duration age, Optional<IamCredentials.KeyUse> lastUse) {
        requests.keyAgeReminded(key.accessKeyId(), clock.instant());
        audit.record(grantId, AuditTrail.BOT, "access key due for rotation", key.accessKeyId() + ", " + age.toDays()
                + " days old; " + RotationMessages.lastUsedPlain(lastUse));
        notices.send(grantId, Notice.toPerson(holder, RotationMessages.tooOldFallback(key.accessKeyId()),
                RotationMessages.tooOld(grantId, key.accessKeyId(), age, lastUse, settings.maxAgeText())));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void overdue(long grantId, String holder, HeldKey key, Duration age) {
        Instant now = clock.instant();
        requests.keyOverdueTold(key.accessKeyId(), now);
        String keyId = key.accessKeyId();
        if (settings.enforce()) {
            requests.keyDeactivated(keyId, now);
            audit.record(grantId, AuditTrail.BOT, "overdue access key deactivated", keyId + ", " + age.toDays()
                    + " days old (LIGHTSAIL_KEY_ROTATION_ENFORCE)");
            notices.send(grantId, Notice.toPerson(holder, ":no_entry: Your access key `" + keyId + "` was made "
                    + "inactive: it is " + age.toDays() + " days old and was not rotated. Ask for a new one with "
                    + "`/lightsail-access rotate-key`."));
        } else {
            audit.record(grantId, AuditTrail.BOT, "overdue access key reported", keyId + ", " + age.toDays()
                    + " days old");
        }
        notices.send(grantId, Notice.toApprovalChannel(":warning: The access key `" + keyId + "` of IAM user `"
                + Mrkdwn.escape(key.iamUserName()) + "` (" + Mrkdwn.user(holder) + ", request #" + grantId + ") is "
                + age.toDays() + " days old: past " + settings.maxAgeText() + " and the overlap of "
                + settings.overlapText() + ", and not rotated. " + (settings.enforce() ? "It was made inactive."
                        : "Nothing was changed (LIGHTSAIL_KEY_ROTATION_ENFORCE is off).")));
    }
}
