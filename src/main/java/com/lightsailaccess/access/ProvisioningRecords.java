package com.lightsailaccess.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What provisioning writes down as it goes: the state moves of a grant, the IAM user it made, and the ids (never
 * the secrets) of the access keys it created, so that a re-run knows which keys are its own to rotate.
 */
@ApplicationScoped
public class ProvisioningRecords {

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final EntityManager em;
    private final Followups followups;
    private final Clock clock;

    public ProvisioningRecords(AccessRequestRepository requests, AuditTrail audit, EntityManager em,
            Followups followups, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.em = em;
        this.followups = followups;
        this.clock = clock;
    }

    /**
     * approved → provisioning; a request already provisioning (a retry, or a resumed job after a crash) goes on.
     * Empty when there is nothing to provision.
     */
    @Transactional
    public Optional<AccessRequest> begin(long requestId) {
        AccessRequest request = requests.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            return Optional.empty();
        }
        if (request.state() == RequestState.APPROVED) {
            request.moveTo(RequestState.PROVISIONING, clock.instant());
            audit.record(requestId, AuditTrail.BOT, "provisioning started", null);
            followups.approvalMessageChanged(requestId);
        }
        return request.state() == RequestState.PROVISIONING ? Optional.of(request) : Optional.empty();
    }

    @Transactional
    public Optional<AccessRequest> find(long requestId) {
        return requests.findByIdOptional(requestId);
    }

    @Transactional
    public void iamUser(long requestId, String iamUserName, boolean dryRun) {
        requests.findById(requestId).recordIamUser(iamUserName, dryRun);
    }

    /** provisioning → active. */
    @Transactional
    public AccessRequest finish(long requestId, String summary) {
        AccessRequest request = requests.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        request.moveTo(RequestState.ACTIVE, clock.instant());
        request.recordFailure(null);
        audit.record(requestId, AuditTrail.BOT, "active", summary);
        followups.approvalMessageChanged(requestId);
        return request;
    }

    /** provisioning → failed, with what went wrong (shown to admins; never a secret). */
    @Transactional
    public AccessRequest fail(long requestId, String reason) {
        AccessRequest request = requests.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (request.state().canMoveTo(RequestState.FAILED)) {
            request.moveTo(RequestState.FAILED, clock.instant());
        }
        request.recordFailure(reason);
        audit.record(requestId, AuditTrail.BOT, "failed", reason);
        followups.approvalMessageChanged(requestId);
        return request;
    }

    /** One IAM step done (for the audit trail). */
    public void step(long requestId, String what, String detail) {
        audit.record(requestId, AuditTrail.BOT, what, detail);
    }

    @Transactional
    public void keyCreated(long requestId, String iamUserName, String accessKeyId) {
        em.persist(new IssuedKey(accessKeyId, requestId, iamUserName, clock.instant()));
        audit.record(requestId, AuditTrail.BOT, "iam: CreateAccessKey", accessKeyId);
    }

    @Transactional
    public void keyDelivered(String accessKeyId) {
        em.find(IssuedKey.class, accessKeyId).delivered(clock.instant());
    }

    @Transactional
    public void keyDeleted(long requestId, String accessKeyId, String why) {
        IssuedKey key = em.find(IssuedKey.class, accessKeyId);
        if (key != null) {
            key.deleted(clock.instant());
        }
        audit.record(requestId, AuditTrail.BOT, "iam: DeleteAccessKey", accessKeyId + " (" + why + ")");
    }

    /**
     * Keys of this IAM user that the bot created and that are not the delivered key of {@code requestId}: never
     * delivered, or from an earlier grant. These are rotated away before new credentials are issued.
     */
    @Transactional
    public List<String> keysToRotate(String iamUserName, long requestId) {
        return em.createQuery("select k.accessKeyId from IssuedKey k where lower(k.iamUserName) = lower(:user) "
                        + "and k.deletedAt is null and (k.requestId <> :request or k.deliveredAt is null)",
                        String.class)
                .setParameter("user", iamUserName).setParameter("request", requestId).getResultList();
    }

    /** Every key id the bot ever recorded for this user (to tell its own keys from someone else's). */
    @Transactional
    public List<String> knownKeys(String iamUserName) {
        return em.createQuery("select k.accessKeyId from IssuedKey k where lower(k.iamUserName) = lower(:user)",
                String.class).setParameter("user", iamUserName).getResultList();
    }
}
