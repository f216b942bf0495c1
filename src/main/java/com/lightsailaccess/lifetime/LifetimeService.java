package com.lightsailaccess.lifetime;

import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A grant's life after it is approved: extensions move its end, the holder is reminded once before it, and says
 * whether unused credentials are still needed. Every step is locked on the grant's row and recorded in the audit
 * trail.
 */
@ApplicationScoped
public class LifetimeService {

    /** A grant's end: when due, the grant is removed from the group as an expiry ({@link ExpireGrant}). */
    public static final JobType<None> EXPIRE = JobType.of("EXPIRE");

    private final AuditTrail audit;
    private final AccessRequestRepository requests;
    private final Timers timers;
    private final Followups followups;
    private final Notices notices;
    private final Clock clock;

    public LifetimeService(AuditTrail audit, AccessRequestRepository requests, Timers timers, Followups followups,
            Notices notices, Clock clock) {
        this.audit = audit;
        this.requests = requests;
        this.timers = timers;
        this.followups = followups;
        this.notices = notices;
        this.clock = clock;
    }

    /** What applying an approved extension came to. */
    public sealed interface Extended {
        /** The grant's end moved (empty: it has none now). */
        record Moved(AccessRequest grant, Optional<Instant> endsAt) implements Extended {
        }

        /** The grant had ended before the extension could apply: nothing changed. */
        record GrantEnded(AccessRequest grant) implements Extended {
        }

        /** Applied already (a repeated run). */
        record Nothing() implements Extended {
        }
    }

    /** An approved extension takes effect: the grant's end moves on, and its timers with it. */
    @Transactional
    public Extended applyExtension(long extensionId) {
        AccessRequest extension = requests.lock(extensionId);
        if (extension == null || extension.state() != RequestState.APPROVED) {
            return new Extended.Nothing();
        }
        AccessRequest grant = requests.lock(extension.extendsRequestId());
        Instant now = clock.instant();
        extension.moveTo(RequestState.PROVISIONING, now);
        if (grant.state() != RequestState.ACTIVE) {
            // Closed for good: there is nothing to retry, and an extension never provisions anything.
            extension.moveTo(RequestState.FAILED, now);
            extension.moveTo(RequestState.CANCELLED, now);
            extension.recordFailure("grant #" + grant.id() + " had ended (" + grant.state().word()
                    + ") before the extension could apply");
            audit.record(extensionId, AuditTrail.BOT, "cancelled", extension.failureReason());
            followups.approvalMessageChanged(extensionId);
            return new Extended.GrantEnded(grant);
        }
        grant.extendBy(extension.duration(), now);
        extension.moveTo(RequestState.ACTIVE, now);
        audit.record(grant.id(), extension.decidedBy(), "extended", "by " + extension.duration().text()
                + " (extension #" + extensionId + "); ends " + grant.endsAt().map(Instant::toString)
                .orElse("never"));
        audit.record(extensionId, AuditTrail.BOT, "active", "grant #" + grant.id() + " extended");
        grant.endsAt().ifPresent(end -> timers.scheduleEnd(grant, end));
        followups.approvalMessageChanged(grant.id());
        followups.approvalMessageChanged(extensionId);
        return new Extended.Moved(grant, grant.endsAt());
    }

    /**
     * Records that the holder is reminded of the grant's current end; false when they were already (a repeated
     * run, another replica), or when there is nothing to remind of.
     */
    @Transactional
    public Optional<AccessRequest> remind(long grantId, Duration before) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || grant.state() != RequestState.ACTIVE || grant.endsAt().isEmpty()
                || grant.endsAt().get().equals(grant.remindedFor())
                || grant.endsAt().get().minus(before).isAfter(clock.instant())) {
            // Ended, reminded already, or its end moved later (an extension) since the reminder came due.
            return Optional.empty();
        }
        grant.recordReminded(grant.endsAt().get());
        audit.record(grantId, AuditTrail.BOT, "reminded", "ends " + grant.endsAt().get());
        return Optional.of(grant);
    }

    /** The holder said the unused credentials are still needed: the dormancy clock starts again. */
    @AckPath
    public boolean keep(long grantId, String holder) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || !grant.requesterId().equals(holder) || grant.state() != RequestState.ACTIVE) {
            return false;
        }
        grant.recordKept(clock.instant());
        audit.record(grantId, holder, "kept", "still needed");
        return true;
    }

    /**
     * Asks the holder whether credentials unused since {@code lastUsed} are still needed, once: the record and the DM
     * (with Keep access) in the caller's transaction. Nothing when they were already asked (the grace period runs).
     */
    @Transactional
    public void askIfDormant(long grantId, String holder, String iamUserName, Instant lastUsed, Instant answerBy) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || grant.state() != RequestState.ACTIVE || grant.dormantAskedAt() != null) {
            return;
        }
        grant.recordDormantAsked(clock.instant());
        audit.record(grantId, AuditTrail.BOT, "asked if still needed", "credentials unused");
        notices.send(grantId, Notice.toPerson(holder, LifetimeMessages.dormantFallback(grantId),
                LifetimeMessages.dormant(grantId, iamUserName, lastUsed, answerBy)));
    }
}
