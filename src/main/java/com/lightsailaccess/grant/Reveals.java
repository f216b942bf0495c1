package com.lightsailaccess.grant;

import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reveal once ({@code LIGHTSAIL_CREDENTIAL_DELIVERY=reveal}): the grant's DM offers a Show credentials button, and the
 * credentials are created when its requester clicks it. The state of an offer lives on the grant's row, and every
 * move of it takes that row's lock, so two clicks at once, a retried delivery and the window's end decide one at a
 * time: one reveal, or none.
 */
@ApplicationScoped
public class Reveals {

    /** A claim whose reveal never started (a crash between the click and the job) is free again after this. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final JobQueue jobs;
    private final OpenRevocations revocations;
    private final Followups followups;
    private final CredentialDelivery delivery;
    private final Clock clock;

    public Reveals(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs,
            OpenRevocations revocations, Followups followups, CredentialDelivery delivery, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.revocations = revocations;
        this.followups = followups;
        this.delivery = delivery;
        this.clock = clock;
    }

    /** What a click on Show credentials may do. */
    public enum Answer {
        /** This click reveals: open the modal now. */
        CLAIMED,
        NOT_YOURS,
        ALREADY_SHOWN,
        /** Another click is showing them right now. */
        IN_PROGRESS,
        EXPIRED,
        /** The grant was revoked, cancelled or closed before its credentials were shown. */
        CLOSED
    }

    /** The answer, and for {@link Answer#CLAIMED} the claim's time (which the later steps must still hold). */
    public record Claim(Answer answer, Instant claimedAt) {
    }

    /** When the offer's button stops working. */
    public Instant deadline(AccessRequest grant) {
        return deadline(grant.revealOfferedAt().orElseThrow());
    }

    /** When the button of an offer made at {@code offeredAt} stops working. */
    public Instant deadline(Instant offeredAt) {
        return offeredAt.plus(delivery.revealWithin());
    }

    /**
     * Before the offer DM goes out: the grant's row is locked until the offer is recorded, and it must still be
     * being provisioned (nothing closed it meanwhile).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean mayOffer(long requestId) {
        AccessRequest grant = lock(requestId);
        return grant != null && grant.state() == RequestState.PROVISIONING;
    }

    /** The offer DM went out: recorded with its place (for updating it later), and the window's end is set. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void offered(long requestId, String channel, String ts, Instant at) {
        AccessRequest grant = lock(requestId);
        grant.recordOffer(channel, ts, at);
        audit.record(requestId, AuditTrail.BOT, "credentials offered", "Show credentials button sent to "
                + grant.requesterId() + "; works until " + deadline(grant));
        jobs.enqueueAt(CloseReveal.TYPE, requestId, "reveal:" + requestId, RevealWindow.of(at), null,
                deadline(grant));
        followups.approvalMessageChanged(requestId);
    }

    /** A click on Show credentials, on the acknowledgement path: only the requester, once, within the window. */
    @AckPath
    public Claim claim(long requestId, String clicker) {
        AccessRequest grant = lock(requestId);
        if (grant == null || !grant.isGrant() || grant.revealOfferedAt().isEmpty()
                && grant.revealedAt() == null) {
            return new Claim(Answer.CLOSED, null);
        }
        if (!grant.requesterId().equals(clicker)) {
            audit.record(requestId, clicker, "reveal refused", "not the requester");
            return new Claim(Answer.NOT_YOURS, null);
        }
        if (grant.revealedAt() != null) {
            return new Claim(Answer.ALREADY_SHOWN, null);
        }
        // A revocation wins: while one is queued, nothing more is made for this grant.
        if (!grant.awaitingReveal() || revocations.revocationOpen(requestId)) {
            return new Claim(Answer.CLOSED, null);
        }
        // As the database keeps it, so the later steps can tell that they still hold this very claim.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!now.isBefore(deadline(grant))) {
            return new Claim(Answer.EXPIRED, null);
        }
        if (claimHeld(grant, now)) {
            return new Claim(Answer.IN_PROGRESS, null);
        }
        grant.recordRevealClaim(now);
        audit.record(requestId, clicker, "reveal started", null);
        return new Claim(Answer.CLAIMED, now);
    }

    private boolean claimHeld(AccessRequest grant, Instant now) {
        return grant.revealClaimedAt() != null && (grant.revealClaimedAt().plus(STALE_CLAIM).isAfter(now)
                || !jobs.openKeys(RevealCredentials.TYPE, grant.id()).isEmpty());
    }

    /**
     * The modal is open ({@code viewId}): queue the job that creates the credentials and shows them in it, if the
     * claim still holds (false: nothing was queued).
     */
    @Transactional
    public boolean start(long requestId, Instant claimedAt, String viewId) {
        AccessRequest grant = lock(requestId);
        if (!holds(grant, claimedAt)) {
            return false;
        }
        jobs.enqueue(RevealCredentials.TYPE, requestId, grant.requesterId(), RevealView.of(viewId, claimedAt),
                "reveal:" + requestId);
        return true;
    }

    /** The reveal did not happen (the modal could not open or was closed): the button works again. */
    @Transactional
    public void release(long requestId, Instant claimedAt, String why) {
        AccessRequest grant = lock(requestId);
        if (holds(grant, claimedAt)) {
            grant.recordRevealClaim(null);
            audit.record(requestId, AuditTrail.BOT, "reveal not completed", why);
        }
    }

    private static boolean holds(AccessRequest grant, Instant claimedAt) {
        return grant != null && grant.awaitingReveal() && claimedAt.equals(grant.revealClaimedAt());
    }

    /** The grant a reveal job may still reveal: claimed by that click, not shown, not closed. */
    @Transactional
    public Optional<AccessRequest> revealing(long requestId, Instant claimedAt) {
        AccessRequest grant = lock(requestId);
        return holds(grant, claimedAt) ? Optional.of(grant) : Optional.empty();
    }

    /** What the end of the reveal window found. */
    public enum Outcome {
        /** Not revealed: the request is closed now. */
        CLOSED,
        /** A click is revealing right now: look again shortly. */
        REVEALING,
        /** The window has not ended yet (the timer ran early). */
        NOT_DUE,
        /** Revealed, revoked or closed before: nothing to do. */
        NOTHING
    }

    /** The outcome, the grant it concerns, and when the window ends. */
    public record WindowEnd(Outcome outcome, AccessRequest grant, Instant deadline) {
    }

    /**
     * The window's end: an offer that was not revealed closes (nothing was created), and admins are told. The timer
     * names the offer it was set for; another offer (made again after a Retry) has its own.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public WindowEnd closeUnrevealed(long requestId, RevealWindow window) {
        AccessRequest grant = lock(requestId);
        if (grant == null || !grant.awaitingReveal() || !window.isFor(grant)) {
            return new WindowEnd(Outcome.NOTHING, grant, null);
        }
        Instant now = clock.instant();
        Instant deadline = deadline(grant);
        if (now.isBefore(deadline)) {
            return new WindowEnd(Outcome.NOT_DUE, grant, deadline);
        }
        if (claimHeld(grant, now)) {
            return new WindowEnd(Outcome.REVEALING, grant, deadline);
        }
        grant.moveTo(RequestState.CANCELLED, now);
        grant.recordRevealClaim(null);
        grant.recordFailure("the credentials were not revealed within " + within() + "; none were created");
        audit.record(requestId, AuditTrail.BOT, "closed", "not revealed within " + within());
        followups.approvalMessageChanged(requestId);
        return new WindowEnd(Outcome.CLOSED, grant, deadline);
    }

    /** Whether credentials are revealed once ({@code LIGHTSAIL_CREDENTIAL_DELIVERY=reveal}), not sent in a DM. */
    public boolean chosen() {
        return delivery.reveal();
    }

    /** The window as people read it ({@code 24h}). */
    public String within() {
        return delivery.revealWithinText();
    }

    @Transactional
    public Optional<AccessRequest> find(long requestId) {
        return requests.findByIdOptional(requestId);
    }

    private AccessRequest lock(long id) {
        return requests.lock(id);
    }

    /**
     * Whether a revocation of a grant is queued or running: a revocation wins over a reveal, so while one is open
     * nothing more is made for the grant. Answered by the feature that revokes, which knows its own jobs (it comes
     * after this one, so this one cannot ask it by name).
     */
    public interface OpenRevocations {

        /** Call inside the transaction that holds the grant's lock. */
        boolean revocationOpen(long requestId);
    }
}
