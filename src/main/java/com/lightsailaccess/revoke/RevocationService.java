package com.lightsailaccess.revoke;

import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.grant.Reveals.OpenRevocations;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.revoke.Revocation.RevokeOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Takes access away. On the ack path it only decides what to do and queues it; the IAM work is a durable job,
 * run after any provisioning of the same person (jobs for one person run one at a time).
 *
 * <p>A grant is locked (its row, {@code FOR UPDATE}) before anything is decided about it, and an admin's Retry
 * locks it the same way: whichever comes second sees what the first did, so a revocation is never undone by a
 * Retry clicked in the same instant, and neither admin sees a conflict.
 */
@ApplicationScoped
public class RevocationService implements OpenRevocations {

    private final AuditTrail audit;
    private final JobQueue jobs;
    private final AccessRequestRepository requests;
    private final Followups followups;
    private final DormantGrace grace;
    private final Clock clock;

    public RevocationService(AuditTrail audit, JobQueue jobs, AccessRequestRepository requests,
            Followups followups, DormantGrace grace, Clock clock) {
        this.grace = grace;
        this.audit = audit;
        this.jobs = jobs;
        this.requests = requests;
        this.followups = followups;
        this.clock = clock;
    }

    /** How long the holder of dormant credentials has to answer before the access is revoked. */
    public Duration dormantGrace() {
        return grace.length();
    }

    /**
     * By Slack user id ({@code <@U…>}): a pending request of theirs is cancelled, and every IAM user the bot made
     * for them that still exists is revoked through its latest grant.
     */
    public RevokeOutcome revokeSlackUser(String slackUserId, boolean delete, String actor) {
        return revokeSlackUser(slackUserId, delete, actor, Revocation.Why.ADMIN);
    }

    /** A confirmed departure (a deactivated Slack account): as an admin's revocation without {@code delete}. */
    public RevokeOutcome departed(String slackUserId, String actor) {
        return revokeSlackUser(slackUserId, false, actor, Revocation.Why.DEPARTURE);
    }

    private RevokeOutcome revokeSlackUser(String slackUserId, boolean delete, String actor, Revocation.Why why) {
        return revoke(() -> {
            List<RevokeOutcome> outcomes = new ArrayList<>();
            for (Long id : requests.pendingOf(slackUserId)) {
                outcomes.add(cancelPending(lock(id), actor));
            }
            outcomes.addAll(revokeUsers(requests.withUserOf(slackUserId), delete, actor, why));
            // Approved, and its IAM user not made yet: the revocation is queued behind the provisioning (one
            // person's jobs run in order) and takes away what it makes.
            for (Long id : requests.grantsOf(slackUserId, List.of(RequestState.APPROVED,
                    RequestState.PROVISIONING))) {
                AccessRequest request = lock(id);
                if (request != null && request.iamUserName() == null) {
                    outcomes.add(revokeGrant(request, delete, actor, why));
                }
            }
            if (outcomes.isEmpty()) {
                // Nothing left to take away: say so precisely when the bot deleted what there was.
                return requests.latestDeletedOf(slackUserId)
                        .map(r -> (RevokeOutcome) new RevokeOutcome.AlreadyDone(r.id(), r.iamUserName(), true))
                        .orElse(new RevokeOutcome.NothingKnown(slackUserId, null));
            }
            return one(outcomes);
        }, slackUserId);
    }

    /** By IAM user name (people no longer in Slack): that user, through its latest grant. */
    public RevokeOutcome revokeIamUser(String iamUserName, boolean delete, String actor) {
        return revoke(() -> {
            List<RevokeOutcome> outcomes = revokeUsers(requests.withUserNamed(iamUserName), delete, actor,
                    Revocation.Why.ADMIN);
            return outcomes.isEmpty() ? new RevokeOutcome.NothingKnown(null, iamUserName) : one(outcomes);
        }, iamUserName);
    }

    /**
     * By grant (the Delete button on a departure notice). A button from a grant whose IAM user has since been
     * granted again acts on nothing: that user is the later grant's now.
     */
    public RevokeOutcome revokeRequest(long requestId, boolean delete, String actor) {
        return revoke(() -> {
            AccessRequest request = lock(requestId);
            if (request == null || request.dryRun() || !request.isGrant()) {
                // An extension or a change of level gives no access of its own: its grant is what is revoked.
                return new RevokeOutcome.NothingKnown(null, "request #" + requestId);
            }
            if (request.iamUserName() != null) {
                Long latest = requests.latestNaming(request.iamUserName()).orElse(null);
                if (latest != null && latest > requestId) {
                    return new RevokeOutcome.Stale(requestId, latest, request.iamUserName());
                }
            } else if (request.state() == RequestState.PENDING) {
                return cancelPending(request, actor);
            }
            return revokeGrant(request, delete, actor, Revocation.Why.ADMIN);
        }, "request #" + requestId);
    }

    /**
     * Its holder gives a grant back (the Give back button, or {@code /lightsail-access give-back} with the grant they
     * hold, if any): the answer they see.
     */
    public String giveBack(Optional<Long> grantId, String holder) {
        return RevokeMessages.giveBackAnswer(grantId.map(id -> endGrant(id, holder, Revocation.Why.GIVEN_BACK,
                Optional.of(holder))).orElse(new RevokeOutcome.NothingKnown(holder, null)));
    }

    /**
     * A grant ends by itself: its holder gives it back ({@code holder} is the clicker, who must hold it), its end
     * came ({@link Revocation.Why#EXPIRED}: not before its end), or its credentials went unused. The same removal
     * as {@code /lightsail-revoke} without {@code delete}; an open extension of the grant is cancelled with it.
     */
    public RevokeOutcome endGrant(long grantId, String actor, Revocation.Why why, Optional<String> holder) {
        return revoke(() -> {
            AccessRequest grant = lock(grantId);
            if (grant == null || !grant.isGrant() || holder.isPresent()
                    && !holder.get().equals(grant.requesterId())) {
                return new RevokeOutcome.NotYours(grantId);
            }
            if (why == Revocation.Why.EXPIRED && (grant.endsAt().isEmpty()
                    || grant.endsAt().get().isAfter(clock.instant()))) {
                return new RevokeOutcome.NotDue(grantId, grant.endsAt());
            }
            if (why == Revocation.Why.DORMANT && (grant.dormantAskedAt() == null
                    || grant.dormantAskedAt().plus(grace.length()).isAfter(clock.instant()))) {
                // The holder said Keep access after the run that found it began: the answer counts.
                return new RevokeOutcome.NotDue(grantId, grant.endsAt());
            }
            boolean current = switch (grant.state()) {
                case APPROVED, PROVISIONING, FAILED, ACTIVE -> true;
                default -> false;
            };
            if (!current || grant.dryRun()) {
                return new RevokeOutcome.AlreadyDone(grantId, grant.iamUserName(), grant.iamUserDeletedAt() != null);
            }
            requests.extensionsOf(grantId, List.of(RequestState.PENDING))
                    .forEach(extension -> cancelPending(lock(extension.id()), actor));
            return revokeGrant(grant, false, actor, why);
        }, "grant #" + grantId);
    }

    /** Whether a revocation of this grant is queued or running (then a Retry must not provision it again). */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean revocationOpen(long requestId) {
        return !jobs.openKeys(Revocation.TYPE, requestId).isEmpty();
    }

    /** Revokes on the acknowledgement path: a database that fails or does not answer in time is "unavailable". */
    @AckPath(failure = "Revoking {1} failed")
    RevokeOutcome revoke(java.util.function.Supplier<RevokeOutcome> work, String target) {
        return work.get();
    }

    private AccessRequest lock(long id) {
        return requests.lock(id);
    }

    private static RevokeOutcome one(List<RevokeOutcome> outcomes) {
        return outcomes.size() == 1 ? outcomes.get(0) : new RevokeOutcome.Many(List.copyOf(outcomes));
    }

    /** The latest grant of each IAM user among {@code grantIds} (newest first). */
    private List<RevokeOutcome> revokeUsers(List<Long> grantIds, boolean delete, String actor,
            Revocation.Why why) {
        List<RevokeOutcome> outcomes = new ArrayList<>();
        Set<String> users = new HashSet<>();
        for (Long id : grantIds) {
            AccessRequest request = lock(id);
            if (request != null && users.add(request.iamUserName().toLowerCase(Locale.ROOT))) {
                outcomes.add(revokeGrant(request, delete, actor, why));
            }
        }
        return outcomes;
    }

    private RevokeOutcome cancelPending(AccessRequest request, String actor) {
        request.moveTo(RequestState.CANCELLED, clock.instant());
        request.recordFailure("revoked before a decision");
        audit.record(request.id(), actor, "cancelled", "revoked while pending");
        followups.closed(request.id(), request.requesterId());
        followups.approvalMessageChanged(request.id());
        return new RevokeOutcome.PendingCancelled(request.id(), request.requesterId());
    }

    /** A locked grant with an IAM user: queue its removal or deletion, unless that is done or under way. */
    private RevokeOutcome revokeGrant(AccessRequest request, boolean delete, String actor, Revocation.Why why) {
        if (request.iamUserDeletedAt() != null) {
            return new RevokeOutcome.AlreadyDone(request.id(), request.iamUserName(), true);
        }
        boolean hasAccessNow = switch (request.state()) {
            case APPROVED, PROVISIONING, FAILED, ACTIVE -> true;
            default -> false;
        };
        if (!delete && !hasAccessNow) {
            return new RevokeOutcome.AlreadyDone(request.id(), request.iamUserName(), false);
        }
        List<String> open = jobs.openKeys(Revocation.TYPE, request.id());
        String removal = Revocation.dedupKey(request.id(), Revocation.Mode.REMOVE);
        String deletion = Revocation.dedupKey(request.id(), Revocation.Mode.DELETE);
        if (open.contains(deletion) || (!delete && open.contains(removal))) {
            return new RevokeOutcome.InProgress(request.id(), open.contains(deletion));
        }
        Revocation.Mode mode = delete ? Revocation.Mode.DELETE : Revocation.Mode.REMOVE;
        audit.record(request.id(), actor, delete ? "deletion requested" : "revocation requested",
                request.iamUserName());
        // Jobs of one person run one at a time, in order: a deletion asked for during a removal runs after it.
        jobs.enqueue(Revocation.TYPE, request.id(), request.requesterId(), new Revocation(mode, actor, why),
                Revocation.dedupKey(request.id(), mode));
        return new RevokeOutcome.Queued(request.id(), request.requesterId(), request.iamUserName(), delete,
                delete && open.contains(removal));
    }

    /**
     * The IAM work is done: the grant is revoked (an active one) or cancelled (one that never became active), and
     * a deleted user is recorded on every grant that had it. Each IAM step goes to the audit trail.
     */
    @Transactional
    public AccessRequest finish(long requestId, Revocation revocation, boolean gone, List<String> steps) {
        Revocation.Mode mode = revocation.mode();
        String actor = revocation.actor();
        AccessRequest request = lock(requestId);
        for (String step : steps) {
            audit.record(requestId, AuditTrail.BOT, "iam: " + step, request.iamUserName());
        }
        if (mode == Revocation.Mode.WITHDRAW) {
            audit.record(requestId, actor, "withdrawn", "credentials of a cancelled grant");
            return request;
        }
        if (request.state().canMoveTo(RequestState.REVOKED)) {
            request.moveTo(RequestState.REVOKED, clock.instant());
            String ended = revocation.why().endedHow();
            request.recordEnded(ended);
            audit.record(requestId, actor, "revoked", (ended == null ? "" : ended + "; ")
                    + (gone ? "IAM user deleted" : "removed from the group"));
        } else if (request.state().canMoveTo(RequestState.CANCELLED)) {
            request.moveTo(RequestState.CANCELLED, clock.instant());
            audit.record(requestId, actor, "cancelled", "revoked before access was active");
        }
        if (gone) {
            // The user is gone: so it is for every grant that had it.
            requests.userDeleted(request.iamUserName(), clock.instant());
            requests.refresh(request);
            audit.record(requestId, actor, "iam user deleted", request.iamUserName());
        }
        followups.approvalMessageChanged(requestId);
        return request;
    }

    /** Nothing in IAM was touched: why, for the audit trail. */
    public void refused(long requestId, String why) {
        audit.record(requestId, AuditTrail.BOT, "revocation refused", why);
    }

    /** A deactivated Slack account: queue the job that confirms it and acts (one per event, de-duplicated). */
    @AckPath
    public void departureNoticed(String slackUserId) {
        jobs.enqueue(HandleDeparture.TYPE, null, slackUserId, new Departure(slackUserId));
    }

    /**
     * Reconciliation's look at a holder's account: checked as a departure is, in an order of its own (one waiting
     * check per holder), never ahead of the holder's reveal or revocation; a revocation it starts goes into the
     * holder's order.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void checkAccount(String holder) {
        String check = HandleDeparture.ACCOUNT_CHECK + holder;
        jobs.enqueueOnce(HandleDeparture.TYPE, null, check, new Departure(holder), check, clock.instant());
    }
}
