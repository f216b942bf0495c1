package com.lightsailaccess.access;

import com.lightsailaccess.jobs.JobKind;
import com.lightsailaccess.jobs.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Takes access away. On the ack path it only decides what to do and queues it; the IAM work is a durable job,
 * run after any provisioning of the same person (jobs for one person run one at a time).
 */
@ApplicationScoped
public class RevocationService {

    public static final String DELETE = "delete";
    public static final String REMOVE = "remove";
    static final String ONE_OPEN_REVOCATION = "job_one_open_revocation";
    private static final Logger LOG = Logger.getLogger(RevocationService.class);

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final JobQueue jobs;
    private final EntityManager em;
    private final AckPathTransaction ackPath;
    private final Followups followups;
    private final Clock clock;

    public RevocationService(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs, EntityManager em,
            AckPathTransaction ackPath, Followups followups, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.em = em;
        this.ackPath = ackPath;
        this.followups = followups;
        this.clock = clock;
    }

    /** By request (the Delete button on a departure notice). */
    public RevokeOutcome revokeRequest(long requestId, boolean delete, String actor) {
        return revoke(() -> requests.findByIdOptional(requestId).filter(r -> !r.dryRun()), "request #" + requestId,
                delete, actor);
    }

    /** By Slack user id ({@code <@U…>}): that person's latest real grant. */
    public RevokeOutcome revokeSlackUser(String slackUserId, boolean delete, String actor) {
        return revoke(() -> requests.find("requesterId = ?1 and dryRun = false order by createdAt desc, id desc",
                slackUserId).firstResultOptional(), "<@" + slackUserId + ">", delete, actor);
    }

    /** By IAM user name (people no longer in Slack): the latest real grant that made that user. */
    public RevokeOutcome revokeIamUser(String iamUserName, boolean delete, String actor) {
        return revoke(() -> requests.find("lower(iamUserName) = lower(?1) and dryRun = false "
                + "order by createdAt desc, id desc", iamUserName).firstResultOptional(), iamUserName, delete, actor);
    }

    private RevokeOutcome revoke(Supplier<Optional<AccessRequest>> lookup, String target,
            boolean delete, String actor) {
        try {
            return ackPath.call(() -> {
                Optional<AccessRequest> found = lookup.get();
                if (found.isEmpty()) {
                    return new RevokeOutcome.NothingKnown(target);
                }
                AccessRequest request = em.find(AccessRequest.class, found.get().id(),
                        LockModeType.PESSIMISTIC_WRITE);
                switch (request.state()) {
                    case PENDING -> {
                        request.moveTo(RequestState.CANCELLED, clock.instant());
                        request.recordFailure("revoked before a decision");
                        audit.record(request.id(), actor, "cancelled", "revoked while pending");
                        jobs.enqueue(JobKind.ANNOUNCE_DECISION, request.id(), request.requesterId(), null);
                        followups.approvalMessageChanged(request.id());
                        return new RevokeOutcome.PendingCancelled(request.id(), request.requesterId());
                    }
                    case DENIED, CANCELLED -> {
                        if (request.iamUserName() == null) {
                            return new RevokeOutcome.NothingKnown(target);
                        }
                    }
                    case REVOKED -> {
                        if (!delete || request.iamUserDeletedAt() != null) {
                            return new RevokeOutcome.AlreadyDone(request.id(), request.iamUserName(),
                                    request.iamUserDeletedAt() != null);
                        }
                    }
                    default -> {
                        // approved, provisioning, failed, active: the job waits for any provisioning to end.
                    }
                }
                if (request.iamUserDeletedAt() != null) {
                    return new RevokeOutcome.AlreadyDone(request.id(), request.iamUserName(), true);
                }
                audit.record(request.id(), actor, delete ? "deletion requested" : "revocation requested", target);
                jobs.enqueue(JobKind.REVOKE, request.id(), request.requesterId(),
                        (delete ? DELETE : REMOVE) + ":" + actor);
                em.flush();
                return new RevokeOutcome.Queued(request.id(), request.requesterId(), request.iamUserName(), delete);
            });
        } catch (RuntimeException e) {
            if (AckPathTransaction.violated(e, ONE_OPEN_REVOCATION)) {
                return found(lookup).map(r -> (RevokeOutcome) new RevokeOutcome.InProgress(r.id()))
                        .orElse(new RevokeOutcome.Unavailable());
            }
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warnf("Revoking %s failed: %s", target, cause.getClass().getName());
            return new RevokeOutcome.Unavailable();
        }
    }

    private Optional<AccessRequest> found(Supplier<Optional<AccessRequest>> lookup) {
        try {
            return ackPath.call(lookup);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Transactional
    public Optional<AccessRequest> find(long requestId) {
        return requests.findByIdOptional(requestId);
    }

    /**
     * The IAM work is done: the grant is revoked (an active one) or cancelled (one that never became active), and
     * a deleted user is recorded with its keys. Each IAM step goes to the audit trail.
     */
    @Transactional
    public AccessRequest finish(long requestId, boolean deleted, List<String> steps, String actor) {
        AccessRequest request = requests.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        for (String step : steps) {
            audit.record(requestId, AuditTrail.BOT, "iam: " + step, request.iamUserName());
        }
        if (request.state().canMoveTo(RequestState.REVOKED)) {
            request.moveTo(RequestState.REVOKED, clock.instant());
            audit.record(requestId, actor, "revoked", deleted ? "IAM user deleted" : "removed from the group");
        } else if (request.state().canMoveTo(RequestState.CANCELLED)) {
            request.moveTo(RequestState.CANCELLED, clock.instant());
            audit.record(requestId, actor, "cancelled", "revoked before access was active");
        }
        if (deleted) {
            request.recordIamUserDeleted(clock.instant());
            em.createQuery("update IssuedKey k set k.deletedAt = :now where lower(k.iamUserName) = lower(:user) "
                    + "and k.deletedAt is null").setParameter("now", clock.instant())
                    .setParameter("user", request.iamUserName()).executeUpdate();
            audit.record(requestId, actor, "iam user deleted", request.iamUserName());
        }
        followups.approvalMessageChanged(requestId);
        return request;
    }

    /** The IAM user is not the bot's (tags disagree): nothing was touched. */
    public void refused(long requestId, String why) {
        audit.record(requestId, AuditTrail.BOT, "revocation refused", why);
    }

    /** A deactivated Slack account: queue the job that confirms it and acts (one per event, de-duplicated). */
    public void departureNoticed(String slackUserId) {
        ackPath.run(() -> jobs.enqueue(JobKind.HANDLE_DEPARTURE, null, slackUserId, slackUserId));
    }

}
