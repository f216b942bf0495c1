package com.lightsailaccess.model;

import com.lightsailaccess.db.AckPathTransaction;
import com.lightsailaccess.db.DatabaseUnavailableException;
import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobQueue;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
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
    private final AckPathTransaction ackPath;
    private final Followups followups;
    private final RequestFiling filing;
    private final Clock clock;
    private final MeterRegistry metrics;

    public AccessRequestService(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs,
            AckPathTransaction ackPath, Followups followups, RequestFiling filing, Clock clock, MeterRegistry metrics) {
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.ackPath = ackPath;
        this.followups = followups;
        this.filing = filing;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Stores a new request and, in the same statement, the job that posts its approval message ({@link RequestFiling}).
     * Refuses a second open request and a person who already has access; the database's unique index settles races
     * between two concurrent commands of the same person.
     */
    public FileOutcome file(Requester requester, AccessType type, GrantDuration duration, String reason,
            String responseUrl) {
        String requesterId = requester.slackUserId();
        FileOutcome outcome;
        try {
            outcome = filing.file(requester, type, duration, reason, responseUrl);
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

    /** The caller's latest request, for {@code /lightsail-access status}; with its end and a pending extension. */
    public RequestStatus status(String requesterId) {
        return ackPath.call(() -> requests.latestOf(requesterId)
                .map(r -> new RequestStatus(Optional.of(new RequestStatus.Latest(r.id(), r.state(), r.accessType(),
                        r.dryRun(), r.iamUserName(), r.decidedBy(), r.decidedAt(), r.createdAt(),
                        r.failureReason(), r.duration(), r.endsAt(), r.endedHow(), openExtensionOf(r.id())
                                .map(AccessRequest::id), r.awaitingReveal()))))
                .orElse(RequestStatus.none()));
    }

    private Optional<AccessRequest> openExtensionOf(long grantId) {
        return requests.extensionsOf(grantId, List.of(RequestState.PENDING, RequestState.APPROVED,
                RequestState.PROVISIONING)).stream().findFirst();
    }

    /**
     * Files an extension of {@code grantId}, asked for by its holder (the Extend button): admins decide it like any
     * request, and approving it moves the grant's end. One open extension per grant.
     */
    public FileOutcome fileExtension(long grantId, String holderId, GrantDuration duration, String reason) {
        try {
            return ackPath.call(() -> {
                AccessRequest grant = requests.lock(grantId);
                if (grant == null || grant.isExtension() || !grant.requesterId().equals(holderId)) {
                    return new FileOutcome.NotYours(grantId);
                }
                if (grant.state() != RequestState.ACTIVE || grant.dryRun()) {
                    return new FileOutcome.NothingToExtend(grantId, grant.state());
                }
                Optional<AccessRequest> open = openExtensionOf(grantId);
                if (open.isPresent()) {
                    return new FileOutcome.AlreadyOpen(open.get().id(), open.get().state());
                }
                AccessRequest extension = AccessRequest.extension(grant, duration, reason, clock.instant());
                requests.persist(extension);
                requests.flush();
                audit.record(extension.id(), holderId, "extension requested", "of #" + grantId + " by "
                        + duration.text() + ", reason: " + reason);
                jobs.enqueue(JobKind.POST_APPROVAL_MESSAGE, extension.id(), holderId, null);
                followups.requestFiled(extension.id());
                return new FileOutcome.Filed(extension.id(), grant.accessType());
            });
        } catch (DatabaseUnavailableException e) {
            LOG.warnf("Filing an extension of #%d failed: %s", grantId, e.getCause().getClass().getName());
            return new FileOutcome.Unavailable();
        }
    }

    /** The grant a person holds now (or that is being provisioned for them), if any. */
    public Optional<Long> currentGrantOf(String requesterId) {
        return ackPath.call(() -> requests.latestGrantOf(requesterId, List.of(RequestState.ACTIVE,
                RequestState.PROVISIONING, RequestState.APPROVED)));
    }

    /** The admins who approved a request so far, in order. */
    @Transactional
    public List<String> approvals(long requestId) {
        return requests.approvers(requestId);
    }

    private FileOutcome refusalOrUnavailable(String requesterId) {
        try {
            return ackPath.call(() -> refusalFor(requesterId)).orElse(new FileOutcome.Unavailable());
        } catch (DatabaseUnavailableException e) {
            return new FileOutcome.Unavailable();
        }
    }

    /**
     * As {@link #find}, for Slack's acknowledgement path: bounded as every statement there, so a database that does
     * not answer gives {@link com.lightsailaccess.db.DatabaseUnavailableException} in time, not a late ack.
     */
    public Optional<AccessRequest> findBeforeAck(long requestId) {
        return ackPath.call(() -> requests.findByIdOptional(requestId));
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

    /** {@link RequestFiling} applies the same rule when it files a request, in its own SQL. */
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
