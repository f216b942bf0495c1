package com.lightsailaccess.grant;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState;
import jakarta.enterprise.context.ApplicationScoped;
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

    /** Audit actions that later steps read back. */
    public static final String USER_CREATED = "iam: CreateUser";
    public static final String USER_REUSED = "iam: reuse own user";
    public static final String PASSWORD_SET = "iam: console password set";

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final Followups followups;
    private final Clock clock;

    public ProvisioningRecords(AccessRequestRepository requests, AuditTrail audit, Followups followups,
            Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.followups = followups;
        this.clock = clock;
    }

    /**
     * approved → provisioning; a request already provisioning (a retry, or a resumed job after a crash) goes on.
     * Empty when there is nothing to provision.
     */
    @Transactional
    public Optional<AccessRequest> begin(long requestId) {
        AccessRequest request = requests.lock(requestId);
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

    /** The bot created the grant's IAM user (again, if an earlier one of that name was deleted). */
    @Transactional
    public void userCreated(long requestId, String iamUserName) {
        requests.findById(requestId).recordIamUserCreated();
        audit.record(requestId, AuditTrail.BOT, USER_CREATED, iamUserName);
    }

    @Transactional
    public void iamUser(long requestId, String iamUserName, boolean dryRun) {
        requests.findById(requestId).recordIamUser(iamUserName, dryRun);
    }

    /** provisioning → active. */
    @Transactional
    public AccessRequest finish(long requestId, String summary) {
        AccessRequest request = requests.lock(requestId);
        request.moveTo(RequestState.ACTIVE, clock.instant());
        request.recordFailure(null);
        audit.record(requestId, AuditTrail.BOT, "active", summary);
        followups.approvalMessageChanged(requestId);
        return request;
    }

    /** provisioning → failed, with what went wrong (shown to admins; never a secret). */
    @Transactional
    public AccessRequest fail(long requestId, String reason) {
        AccessRequest request = requests.lock(requestId);
        if (request.state().canMoveTo(RequestState.FAILED)) {
            request.moveTo(RequestState.FAILED, clock.instant());
        }
        // An offer to reveal ends with the attempt that made it: its button and its window's timer now do nothing.
        request.clearOffer();
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
        requests.keyIssued(accessKeyId, requestId, iamUserName, clock.instant());
        audit.record(requestId, AuditTrail.BOT, "iam: CreateAccessKey", accessKeyId);
    }

    /**
     * The credentials reached the requester (the DM went out, or the reveal modal shows them): its key is delivered
     * and the grant active, in one transaction.
     */
    @Transactional
    public AccessRequest delivered(long requestId, String accessKeyId, boolean revealed, String summary) {
        if (accessKeyId != null) {
            requests.keyDelivered(accessKeyId, clock.instant());
        }
        AccessRequest request = requests.lock(requestId);
        if (revealed) {
            request.recordRevealed(clock.instant());
            audit.record(requestId, AuditTrail.BOT, "credentials revealed", "in a modal to " + request.requesterId());
        } else {
            audit.record(requestId, AuditTrail.BOT, "credentials delivered", "direct message to "
                    + request.requesterId());
        }
        return finish(requestId, summary);
    }

    /** Keys this grant delivered (and that are not deleted). */
    @Transactional
    public List<String> deliveredKeys(long requestId) {
        return requests.deliveredKeys(requestId);
    }

    @Transactional
    public void keyDeleted(long requestId, String accessKeyId, String why) {
        requests.keyDeleted(accessKeyId, clock.instant());
        audit.record(requestId, AuditTrail.BOT, "iam: DeleteAccessKey", accessKeyId + " (" + why + ")");
    }

    /** Whether this grant created or took up its IAM user as the bot's own (in any attempt). */
    @Transactional
    public boolean ownsIamUser(long requestId) {
        return audit.of(requestId).stream().anyMatch(e -> e.action().equals(USER_CREATED)
                || e.action().equals(USER_REUSED));
    }

    /** Whether this grant set a console password (in any attempt). */
    @Transactional
    public boolean setPassword(long requestId) {
        return audit.of(requestId).stream().anyMatch(e -> e.action().equals(PASSWORD_SET));
    }

    /** Keys this grant created that were never delivered and are not deleted yet. */
    @Transactional
    public List<String> undeliveredKeys(long requestId) {
        return requests.undeliveredKeys(requestId);
    }

    /** Keys this grant created that are not deleted yet, delivered or not. */
    @Transactional
    public List<String> keysOf(long requestId) {
        return requests.keys(requestId);
    }

}
