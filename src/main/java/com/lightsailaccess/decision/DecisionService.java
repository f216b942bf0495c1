package com.lightsailaccess.decision;

import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState.IllegalTransitionException;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.revoke.Revocation;
import com.lightsailaccess.slack.AdminDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Admins' decisions on the ack path of a click: approve (by one or several distinct admins), deny, retry, cancel.
 *
 * <p>The request's row is locked first ({@code FOR UPDATE}, as a revocation locks it), so two admins, a double
 * click, a repeated delivery and a revocation in the same instant are decided one after the other: exactly one
 * click moves the request, the others learn who decided, and a Retry never provisions a grant whose revocation is
 * under way. A grant's clock starts when it is approved; its end and the reminder before it are timers in the job
 * queue, under a subject of their own so that they never hold back the person's other jobs.
 */
@ApplicationScoped
class DecisionService {

    private final AuditTrail audit;
    private final JobQueue jobs;
    private final AccessRequestRepository requests;
    private final Followups followups;
    private final ApprovalRules rules;
    private final Clock clock;
    private final AccessLevels levels;

    public DecisionService(AuditTrail audit, JobQueue jobs, AccessRequestRepository requests,
            Followups followups, ApprovalRules rules, Clock clock, AccessLevels levels) {
        this.levels = levels;
        this.audit = audit;
        this.jobs = jobs;
        this.requests = requests;
        this.followups = followups;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * An admin's Approve. With {@code required} = N, each distinct admin's approval is counted once and the Nth
     * moves the request on; the requester never counts (with N = 1, {@code allowSelfApproval} decides whether they
     * may approve their own request). Approvals are counted by the admins of now: when the Nth comes, each earlier
     * approver is checked against the current admin list ({@code adminNow}), and the approval of someone who is
     * no longer an admin is withdrawn and does not count. When the list cannot be read, nothing changes (the click
     * is answered "unavailable"): an approval that cannot be confirmed is never counted.
     */
    public Decision approve(long requestId, String adminId, boolean allowSelfApproval,
            Function<String, AdminDirectory.Verdict> adminNow) {
        return locked(requestId, request -> {
            int required = rules.required(levels.of(request.level()));
            if (request.requesterId().equals(adminId) && (required > 1 || !allowSelfApproval)) {
                return new Decision.OwnRequest(requestId);
            }
            if (request.state() != RequestState.PENDING) {
                return alreadyDecided(request);
            }
            Instant now = clock.instant();
            boolean counted = requests.approve(requestId, adminId, now);
            List<String> approvers = requests.approvers(requestId);
            int count = approvers.size();
            if (!counted) {
                return new Decision.AlreadyCounted(requestId, count, required);
            }
            List<String> noLongerAdmins = List.of();
            if (count >= required) {
                noLongerAdmins = withdrawFormerAdmins(requestId, approvers, adminId, adminNow);
                count -= noLongerAdmins.size();
            }
            audit.record(requestId, adminId, "approval", count + " of " + required);
            if (count < required) {
                followups.approvalMessageChanged(requestId);
                return new Decision.Counted(requestId, count, required, noLongerAdmins);
            }
            request.moveTo(RequestState.APPROVED, now);
            request.recordDecision(adminId, now);
            audit.record(requestId, adminId, "approved", "pending -> approved");
            if (request.isGrant()) {
                request.startClock(now);
                followups.provisioningDue(request);
            }
            // An extension's application, a grant's end and its reminder are the lifetime's to queue.
            followups.approved(request);
            followups.approvalMessageChanged(requestId);
            return new Decision.Made(requestId, request.requesterId(), RequestState.APPROVED);
        });
    }

    /** The earlier approvers who are no longer admins: their approvals are withdrawn, each in the audit trail. */
    private List<String> withdrawFormerAdmins(long requestId, List<String> approvers, String adminId,
            Function<String, AdminDirectory.Verdict> adminNow) {
        List<String> former = new ArrayList<>();
        for (String approver : approvers) {
            AdminDirectory.Verdict verdict = approver.equals(adminId) ? AdminDirectory.Verdict.ADMIN
                    : adminNow.apply(approver);
            if (verdict == AdminDirectory.Verdict.UNKNOWN) {
                // Rolls this click back: it is answered "unavailable, nothing changed".
                throw new IllegalStateException("the admin list could not be read to confirm an approval");
            }
            if (verdict == AdminDirectory.Verdict.NOT_ADMIN) {
                former.add(approver);
            }
        }
        for (String gone : former) {
            requests.withdrawApproval(requestId, gone);
            audit.record(requestId, AuditTrail.BOT, "approval withdrawn", gone + " is no longer an admin");
        }
        return former;
    }

    /** pending → denied, and the job that tells the requester; any admin's Deny ends the request. */
    public Decision deny(long requestId, String adminId) {
        return move(requestId, adminId, RequestState.PENDING, RequestState.DENIED, true, "denied");
    }

    /** failed → provisioning again (an admin's Retry), unless a revocation of the grant is open. */
    public Decision retry(long requestId, String adminId) {
        return move(requestId, adminId, RequestState.FAILED, RequestState.PROVISIONING, false, "retry");
    }

    /** failed → cancelled (an admin's Cancel): whatever the grant made is withdrawn after the ack. */
    public Decision cancelFailed(long requestId, String adminId) {
        return move(requestId, adminId, RequestState.FAILED, RequestState.CANCELLED, false, "cancelled");
    }

    private Decision move(long requestId, String adminId, RequestState from, RequestState to,
            boolean recordDecider, String action) {
        if (!from.canMoveTo(to)) {
            throw new IllegalTransitionException(requestId, from, to);
        }
        return locked(requestId, request -> {
            if (request.state() != from || to == RequestState.PROVISIONING && !request.isGrant()) {
                // An extension moves an end and a change of level moves groups; neither is provisioned again.
                return alreadyDecided(request);
            }
            if (to == RequestState.PROVISIONING && !jobs.openKeys(Revocation.TYPE, requestId).isEmpty()) {
                return new Decision.RevocationUnderWay(requestId);
            }
            Instant now = clock.instant();
            request.moveTo(to, now);
            if (recordDecider) {
                request.recordDecision(adminId, now);
            }
            audit.record(requestId, adminId, action, from.word() + " -> " + to.word());
            if (to == RequestState.PROVISIONING) {
                followups.provisioningDue(request);
            } else {
                jobs.enqueue(AnnounceDecision.TYPE, requestId, request.requesterId(), null);
            }
            if (to == RequestState.CANCELLED && request.iamUserName() != null && !request.dryRun()) {
                // A failed grant may have made credentials (or kept an earlier attempt's): withdraw them.
                jobs.enqueue(Revocation.TYPE, requestId, request.requesterId(),
                        new Revocation(Revocation.Mode.WITHDRAW, adminId, Revocation.Why.CANCELLED),
                        Revocation.dedupKey(requestId, Revocation.Mode.WITHDRAW));
            }
            followups.approvalMessageChanged(requestId);
            return new Decision.Made(requestId, request.requesterId(), to);
        });
    }

    /** The request's access level; empty for no such request, or a level no longer configured. */
    @AckPath(failure = "Reading the level of request #{0,number,#} failed")
    Optional<AccessLevel> levelOf(long requestId) {
        AccessRequest request = requests.findById(requestId);
        return request == null ? Optional.empty() : levels.of(request.level());
    }

    private static Decision alreadyDecided(AccessRequest request) {
        return new Decision.AlreadyDecided(request.id(), request.state(), request.decidedBy(), request.decidedAt());
    }

    /** Decides on the locked request, on the acknowledgement path: a database that fails is "unavailable". */
    @AckPath(failure = "Deciding request #{0,number,#} failed")
    Decision locked(long requestId, Function<AccessRequest, Decision> decide) {
        AccessRequest request = requests.lock(requestId);
        return request == null ? new Decision.NotFound(requestId) : decide.apply(request);
    }
}
