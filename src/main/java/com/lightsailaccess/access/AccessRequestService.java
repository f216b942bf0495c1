package com.lightsailaccess.access;

import com.lightsailaccess.jobs.JobKind;
import com.lightsailaccess.jobs.JobQueue;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Files requests and answers questions about them. Runs on Slack's acknowledgement path, so every database round
 * trip is bounded ({@link AckPathTransaction}): when the database is slow or away, the caller hears "nothing was
 * stored".
 */
@ApplicationScoped
public class AccessRequestService {

    private static final Logger LOG = Logger.getLogger(AccessRequestService.class);
    static final String ONE_OPEN_INDEX = "access_request_one_open_per_person";

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final JobQueue jobs;
    private final EntityManager em;
    private final AckPathTransaction ackPath;
    private final Followups followups;
    private final Clock clock;
    private final MeterRegistry metrics;

    public AccessRequestService(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs, EntityManager em,
            AckPathTransaction ackPath, Followups followups, Clock clock, MeterRegistry metrics) {
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.em = em;
        this.ackPath = ackPath;
        this.followups = followups;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Stores a new request and, in the same transaction, the job that posts its approval message. Refuses a second
     * open request and a person who already has access; the database's unique index settles races between two
     * concurrent commands of the same person.
     */
    public FileOutcome file(Requester requester, AccessType type, String reason, String responseUrl) {
        String requesterId = requester.slackUserId();
        FileOutcome outcome;
        try {
            outcome = ackPath.call(() -> {
                Optional<FileOutcome> refusal = refusalFor(requesterId);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
                AccessRequest request = AccessRequest.file(requester, type, reason, responseUrl, clock.instant());
                requests.persist(request);
                requests.flush();
                audit.record(request.id(), requesterId, "requested", type.word() + " access");
                jobs.enqueue(JobKind.POST_APPROVAL_MESSAGE, request.id(), requesterId, null);
                return new FileOutcome.Filed(request.id(), type);
            });
        } catch (DatabaseUnavailableException e) {
            if (AckPathTransaction.violated(e.getCause(), ONE_OPEN_INDEX)) {
                // Lost a race with another command of the same person: that one was stored.
                outcome = refusalOrUnavailable(requesterId);
            } else {
                LOG.warnf("Filing a request failed: %s", e.getCause().getClass().getName());
                outcome = new FileOutcome.Unavailable();
            }
        }
        metrics.counter("lightsail.requests", "outcome", outcomeTag(outcome)).increment();
        return outcome;
    }

    /** The caller's latest request, for {@code /lightsail-access status}. */
    public RequestStatus status(String requesterId) {
        return ackPath.call(() -> requests.latestOf(requesterId)
                .map(r -> new RequestStatus(Optional.of(new RequestStatus.Latest(r.id(), r.state(), r.accessType(),
                        r.dryRun(), r.iamUserName(), r.decidedBy(), r.decidedAt(), r.createdAt(),
                        r.failureReason()))))
                .orElse(RequestStatus.none()));
    }

    private FileOutcome refusalOrUnavailable(String requesterId) {
        try {
            return ackPath.call(() -> refusalFor(requesterId)).orElse(new FileOutcome.Unavailable());
        } catch (DatabaseUnavailableException e) {
            return new FileOutcome.Unavailable();
        }
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
        AccessRequest request = requests.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null || !request.state().canMoveTo(RequestState.CANCELLED)) {
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

    // ---- decisions (the ack path of a click) ----------------------------------------------------------------

    /** pending → approved, and the provisioning job, in one transaction; exactly one click wins. */
    public Decision approve(long requestId, String adminId, boolean allowSelfApproval) {
        return decide(requestId, adminId, RequestState.PENDING, RequestState.APPROVED, !allowSelfApproval, true,
                JobKind.PROVISION, "approved");
    }

    /** pending → denied, and the job that tells the requester. */
    public Decision deny(long requestId, String adminId) {
        return decide(requestId, adminId, RequestState.PENDING, RequestState.DENIED, false, true,
                JobKind.ANNOUNCE_DECISION, "denied");
    }

    /** failed → provisioning again (an admin's Retry). */
    public Decision retry(long requestId, String adminId) {
        return decide(requestId, adminId, RequestState.FAILED, RequestState.PROVISIONING, false, false,
                JobKind.PROVISION, "retry");
    }

    /** failed → cancelled (an admin's Cancel). */
    public Decision cancelFailed(long requestId, String adminId) {
        return decide(requestId, adminId, RequestState.FAILED, RequestState.CANCELLED, false, false,
                JobKind.ANNOUNCE_DECISION, "cancelled");
    }

    /**
     * Moves the request only if it is still in {@code from}. The request's row is locked first ({@code FOR UPDATE},
     * as a revocation locks it), so two admins, a double click, a repeated delivery and a revocation in the same
     * instant are decided one after the other: exactly one click wins, the others learn who decided, and a Retry
     * never provisions a grant whose revocation is under way.
     */
    private Decision decide(long requestId, String adminId, RequestState from, RequestState to,
            boolean refuseOwnRequest, boolean recordDecider, JobKind followUp, String action) {
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(requestId, from, to);
        }
        try {
            return ackPath.call(() -> {
                AccessRequest request = em.find(AccessRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
                if (request == null) {
                    return new Decision.NotFound(requestId);
                }
                if (refuseOwnRequest && request.requesterId().equals(adminId)) {
                    return new Decision.OwnRequest(requestId);
                }
                if (request.state() != from) {
                    return new Decision.AlreadyDecided(requestId, request.state(), request.decidedBy(),
                            request.decidedAt());
                }
                if (to == RequestState.PROVISIONING && !jobs.openKeys(JobKind.REVOKE, requestId).isEmpty()) {
                    return new Decision.RevocationUnderWay(requestId);
                }
                var now = clock.instant();
                request.moveTo(to, now);
                if (recordDecider) {
                    request.recordDecision(adminId, now);
                }
                audit.record(requestId, adminId, action, from.word() + " -> " + to.word());
                jobs.enqueue(followUp, requestId, request.requesterId(), null);
                if (to == RequestState.CANCELLED && request.iamUserName() != null && !request.dryRun()) {
                    // A failed grant may have made credentials (or kept an earlier attempt's): withdraw them.
                    jobs.enqueue(JobKind.REVOKE, requestId, request.requesterId(),
                            new Revocation(Revocation.Mode.WITHDRAW, adminId).toJson(),
                            Revocation.dedupKey(requestId, Revocation.Mode.WITHDRAW));
                }
                followups.approvalMessageChanged(requestId);
                return new Decision.Made(requestId, request.requesterId(), to);
            });
        } catch (DatabaseUnavailableException e) {
            LOG.warnf("Deciding request #%d failed: %s", requestId, e.getCause().getClass().getName());
            return new Decision.Unavailable();
        }
    }

    private Optional<FileOutcome> refusalFor(String requesterId) {
        return requests.latestOf(requesterId).flatMap(latest -> {
            if (latest.state().isOpen()) {
                return Optional.of(new FileOutcome.AlreadyOpen(latest.id(), latest.state()));
            }
            if (latest.state() == RequestState.ACTIVE && !latest.dryRun()) {
                return Optional.of(new FileOutcome.AlreadyHasAccess(latest.id(), latest.iamUserName()));
            }
            return Optional.empty();
        });
    }

    private static String outcomeTag(FileOutcome outcome) {
        if (outcome instanceof FileOutcome.Filed) {
            return "filed";
        }
        if (outcome instanceof FileOutcome.AlreadyOpen) {
            return "refused_open";
        }
        if (outcome instanceof FileOutcome.AlreadyHasAccess) {
            return "refused_has_access";
        }
        return "unavailable";
    }
}
