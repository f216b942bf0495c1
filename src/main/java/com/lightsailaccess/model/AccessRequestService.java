package com.lightsailaccess.model;

import com.lightsailaccess.db.AckPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers questions about requests, and makes the changes that several features make (a cancel, the approval
 * message's place). What runs on Slack's acknowledgement path is bounded ({@link AckPath}): when the
 * database is slow or away, the caller hears "nothing was stored".
 */
@ApplicationScoped
public class AccessRequestService {

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final Followups followups;
    private final Clock clock;

    public AccessRequestService(AccessRequestRepository requests, AuditTrail audit, Followups followups, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.followups = followups;
        this.clock = clock;
    }

    /** The caller's latest request, for {@code /lightsail-access status}; with its end and a pending extension. */
    @AckPath
    public RequestStatus status(String requesterId) {
        return requests.latestOf(requesterId)
                .map(r -> new RequestStatus(Optional.of(new RequestStatus.Latest(r.id(), r.state(), r.accessType(),
                        r.dryRun(), r.iamUserName(), r.decidedBy(), r.decidedAt(), r.createdAt(),
                        r.failureReason(), r.duration(), r.endsAt(), r.endedHow(), requests.openExtensionOf(r.id())
                                .map(AccessRequest::id), r.awaitingReveal(), r.level(), requests.openChangeOf(r.id())
                                .map(AccessRequest::id)))))
                .orElse(RequestStatus.none());
    }

    /** The grant a person holds now (or that is being provisioned for them), if any. */
    @AckPath
    public Optional<Long> currentGrantOf(String requesterId) {
        return requests.latestGrantOf(requesterId, List.of(RequestState.ACTIVE, RequestState.PROVISIONING,
                RequestState.APPROVED));
    }

    /** The admins who approved a request so far, in order. */
    @Transactional
    public List<String> approvals(long requestId) {
        return requests.approvers(requestId);
    }

    /**
     * As {@link #find}, for Slack's acknowledgement path: bounded as every statement there, so a database that does
     * not answer gives {@link com.lightsailaccess.db.DatabaseUnavailableException} in time, not a late ack.
     */
    @AckPath
    public Optional<AccessRequest> findBeforeAck(long requestId) {
        return requests.findByIdOptional(requestId);
    }

    /** A snapshot of the request (detached: reading it is fine, changes go through the methods here). */
    @Transactional
    public Optional<AccessRequest> find(long requestId) {
        return requests.findByIdOptional(requestId);
    }

    /** Who last did {@code action} to a request, from the audit trail. */
    @Transactional
    public Optional<String> lastActor(long requestId, String action) {
        return audit.of(requestId).stream().filter(e -> e.action().equals(action)).reduce((a, b) -> b)
                .map(AuditEvent::actor).filter(actor -> !AuditTrail.BOT.equals(actor));
    }

    /** Remembers where the approval message went, so later updates edit it in place. */
    @Transactional
    public void recordApprovalMessage(long requestId, String channel, String ts) {
        AccessRequest request = requests.findById(requestId);
        request.recordApprovalMessage(channel, ts);
        audit.record(requestId, AuditTrail.BOT, "approval message posted", channel + " " + ts);
        if (request.state() != RequestState.PENDING) {
            // Decided (or revoked) while the message was on its way: show that at once.
            followups.approvalMessageChanged(requestId);
        }
    }

    /**
     * Cancels a request that is still pending or has failed. Returns false (and changes nothing) when it has
     * already moved on, so a late cancel never undoes a decision.
     */
    @Transactional
    public boolean cancel(long requestId, String actor, String why) {
        AccessRequest request = requests.lock(requestId);
        if (request == null || request.state() != RequestState.PENDING && request.state() != RequestState.FAILED) {
            return false;
        }
        request.moveTo(RequestState.CANCELLED, clock.instant());
        request.recordFailure(why);
        if (!AuditTrail.BOT.equals(actor)) {
            request.recordDecision(actor, clock.instant());
        }
        audit.record(requestId, actor, "cancelled", why);
        followups.approvalMessageChanged(requestId);
        return true;
    }

    /** What {@code /lightsail-access status} shows a person about themselves. Never a credential. */
    public record RequestStatus(Optional<Latest> latest) {

        public record Latest(long requestId, RequestState state, AccessType accessType, boolean dryRun,
                String iamUserName, String decidedBy, Instant decidedAt, Instant createdAt, String failureReason,
                GrantDuration duration, Optional<Instant> endsAt, String endedHow, Optional<Long> openExtension,
                boolean awaitingReveal, String level, Optional<Long> openChange) {

            /** Without a levels file: no level, and no change of one. */
            public Latest(long requestId, RequestState state, AccessType accessType, boolean dryRun,
                    String iamUserName, String decidedBy, Instant decidedAt, Instant createdAt, String failureReason,
                    GrantDuration duration, Optional<Instant> endsAt, String endedHow, Optional<Long> openExtension,
                    boolean awaitingReveal) {
                this(requestId, state, accessType, dryRun, iamUserName, decidedBy, decidedAt, createdAt,
                        failureReason, duration, endsAt, endedHow, openExtension, awaitingReveal, null,
                        Optional.empty());
            }

            public boolean hasAccess() {
                return state == RequestState.ACTIVE && !dryRun;
            }
        }

        public static RequestStatus none() {
            return new RequestStatus(Optional.empty());
        }
    }
}
