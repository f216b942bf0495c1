package com.lightsailaccess.credentials;

import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.model.AccessRequestRepository.HeldKey;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
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
 * {@code LIGHTSAIL_KEY_MAX_AGE}, for reconciliation, one grant at a time: when the grant's active key is older, its
 * holder gets one DM with the key's age, its last use and Rotate now; at the age plus the overlap the admins are told
 * once, and with {@code LIGHTSAIL_KEY_ROTATION_ENFORCE=true} the key is made inactive (and its holder told).
 */
@ApplicationScoped
public class KeyAges {

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final Notices notices;
    private final IamCredentials iam;
    private final KeyRotation settings;
    private final Clock clock;

    KeyAges(AccessRequestRepository requests, AuditTrail audit, Notices notices, IamCredentials iam,
            KeyRotation settings, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.notices = notices;
        this.iam = iam;
        this.settings = settings;
        this.clock = clock;
    }

    /** Looks at the active key of an active grant held by {@code holder}. */
    public void check(long grantId, String holder) {
        if (settings.maxAge().isEmpty()) {
            return;
        }
        Optional<HeldKey> current = current(grantId);
        if (current.isEmpty()) {
            return;
        }
        HeldKey key = current.get();
        Duration age = Duration.between(key.createdAt(), clock.instant());
        Duration maxAge = settings.maxAge().get();
        if (age.compareTo(maxAge) < 0) {
            return;
        }
        if (key.ageRemindedAt() == null) {
            remind(grantId, holder, key, age, iam.lastUse(key.iamUserName(), key.accessKeyId()));
        }
        if (key.overdueToldAt() == null && age.compareTo(maxAge.plus(settings.overlap())) >= 0) {
            if (settings.enforce()) {
                iam.setAccessKeyActive(key.iamUserName(), key.accessKeyId(), false);
            }
            overdue(grantId, holder, key, age);
        }
    }

    /** The grant's newest key that is active and not being replaced; none while a rotation is under way. */
    @Transactional
    Optional<HeldKey> current(long grantId) {
        var held = requests.heldKeys(grantId);
        if (held.stream().anyMatch(HeldKey::retiring)) {
            return Optional.empty();
        }
        return held.stream().filter(k -> k.deactivatedAt() == null).reduce((older, newer) -> newer);
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
