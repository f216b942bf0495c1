package com.lightsailaccess.reconcile;

import com.google.gson.Gson;
import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.revoke.Revocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger's side of reconciliation: which grants the bot holds, what it already reported (each finding once),
 * corrections when IAM was changed outside the bot, and the admins' answers to a finding.
 */
@ApplicationScoped
class ReconcileService {

    /** A member of the Lightsail group that no grant of the bot accounts for. */
    public static final String MEMBER_NOT_GRANTED = "member-not-granted";
    /** A grant whose IAM user left the group, or was deleted, outside the bot. */
    public static final String CHANGED_OUTSIDE = "changed-outside";
    /** A grant whose end came (or that was given back) while IAM kept its user in the group: removed again. */
    public static final String END_OVERDUE = "end-overdue";
    /** The Lightsail group holds a policy the bot did not put there: open until it is taken off. */
    public static final String GROUP_DRIFT = "group-drift";
    /** The Lightsail group does not exist in IAM (a renamed setting, a deleted group): open until it is seen again. */
    public static final String GROUP_MISSING = "group-missing";
    /** An IAM user in an access level's group that its grant is not at (or in two levels' groups). */
    public static final String OTHER_LEVEL = "other-level";

    /** Members nobody granted found together (a first look, or many at once): one summary of them. */
    public static final String SUMMARY = "member-summary";
    /** A group reconciliation has read: any later look at it reports new members one by one. */
    private static final String GROUP_SEEN = "group-seen";

    private static final String CLEARED = "cleared";
    /** An admin's Remove, until it is done or failed. */
    static final String REMOVING = "removing";
    private static final String MEMBER_ORDER = "member:";
    /** A Remove from group that IAM refused, or that gave up: the member is reported again by the next run. */
    static final String REMOVAL_FAILED = "removal failed";
    /** Done: the member left the group. */
    static final String REMOVED = "removed";
    /** A member the bot granted access to before its Remove was carried out: it stays. */
    static final String GRANTED_SINCE = "granted since";
    /** Resolutions after which a finding that is seen again is reported again. */
    private static final Set<String> REOPENED_BY_A_NEW_SIGHT = Set.of(REMOVED, CLEARED, REMOVAL_FAILED,
            GRANTED_SINCE);
    /** The actor of an expiry, as the timer records it. */
    private static final String EXPIRY = "expiry";
    private static final Gson GSON = new Gson();

    /**
     * A grant that should have ended and still gives access: the removal the bot queued gave up or failed, and no
     * timer or removal of it is open any more.
     */
    public record Overdue(long id, String iamUserName, String actor, Revocation.Why why) {
    }

    /** A grant as reconciliation sees it. */
    public record Held(long id, String holder, String iamUserName, RequestState state, Instant since,
            Instant keptAt, Instant dormantAskedAt, String level, boolean changingLevel) {
    }

    /** A finding and what was decided about it. */
    public record Finding(long id, String kind, String subject, String resolution, String resolvedBy) {
    }

    /** A member nobody granted, by its finding. */
    record Member(long findingId, String name) {
    }

    private final AuditTrail audit;
    private final JobQueue jobs;
    private final Findings findings;
    private final HeldGrants grants;
    private final AccessRequestRepository requests;
    private final Followups followups;
    private final Clock clock;

    ReconcileService(AuditTrail audit, JobQueue jobs, Findings findings, HeldGrants grants,
            AccessRequestRepository requests, Followups followups, Clock clock) {
        this.audit = audit;
        this.jobs = jobs;
        this.findings = findings;
        this.grants = grants;
        this.requests = requests;
        this.followups = followups;
        this.clock = clock;
    }

    /** The recurring job exists (one, whatever the number of replicas) and is due now: at start-up. */
    @Transactional
    public void runSoon() {
        if (!jobs.makeDue(Reconcile.TYPE.name())) {
            jobs.enqueueOnce(Reconcile.TYPE, null, "reconcile", null, Reconcile.TYPE.name(), clock.instant());
        }
    }

    /**
     * Active grants that should have ended and still give access (see {@link HeldGrants#overdue()}), each with the
     * end that was asked for: an expiry, or the removal that gave up.
     */
    @Transactional
    public List<Overdue> overdueEnds() {
        return grants.overdue().stream().map(r -> {
            Revocation ended = r.expired() || r.lastRemoval() == null ? null
                    : GSON.fromJson(r.lastRemoval(), Revocation.class);
            return ended == null ? new Overdue(r.id(), r.iamUserName(), EXPIRY, Revocation.Why.EXPIRED)
                    : new Overdue(r.id(), r.iamUserName(), ended.actor(), ended.why());
        }).toList();
    }

    /** Every real grant that gives, or is about to give, access now. */
    @Transactional
    public List<Held> currentGrants() {
        return grants.current();
    }

    /**
     * Records a finding; its id the first time it is found (and again when one that was resolved by removing it
     * comes back), empty while it is still open. An admin's "Keep" is remembered: it is not reported again.
     */
    @Transactional
    public Optional<Long> report(String kind, String subject, Long requestId, String detail) {
        return report(kind, subject, requestId, detail, clock.instant());
    }

    /**
     * As {@link #report(String, String, Long, String)}, for something IAM showed at {@code seenAt}: a finding that
     * went away (removed, cleared) after that moment is not brought back by this older sight of it.
     */
    @Transactional
    public Optional<Long> report(String kind, String subject, Long requestId, String detail, Instant seenAt) {
        Optional<Findings.Standing> existing = findings.find(kind, subject);
        if (existing.isEmpty()) {
            long id = findings.add(kind, subject, requestId, detail);
            audit.record(requestId, AuditTrail.BOT, "reconciliation: " + kind, subject + ": " + detail);
            return Optional.of(id);
        }
        Findings.Standing standing = existing.get();
        if (standing.resolution() != null && REOPENED_BY_A_NEW_SIGHT.contains(standing.resolution())
                && (standing.resolvedAt() == null || standing.resolvedAt().isBefore(seenAt))) {
            findings.reopen(standing.id(), detail);
            audit.record(requestId, AuditTrail.BOT, "reconciliation: " + kind, subject + " is back: " + detail);
            return Optional.of(standing.id());
        }
        return Optional.empty();
    }

    /** A finding that went away by itself (the group is there again): reported again if it comes back. */
    @Transactional
    public void clear(String kind, String subject) {
        findings.answerOpen(kind, subject, CLEARED, AuditTrail.BOT);
    }

    /** The subjects of the open findings of a kind, oldest first. */
    @Transactional
    public List<String> open(String kind) {
        return findings.openSubjects(kind);
    }

    /**
     * IAM was changed outside the bot: the grant's user left the group, or is gone. The ledger says so (the grant
     * is revoked, and a deleted user is recorded); false when the grant had moved on meanwhile.
     */
    @Transactional
    public boolean correct(long grantId, String level, boolean userGone, String detail) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || grant.state() != RequestState.ACTIVE || !Objects.equals(grant.level(), level)
                || !jobs.openKeys(Revocation.TYPE, grantId).isEmpty()
                || requests.openChangeOf(grantId).filter(c -> c.state() != RequestState.PENDING).isPresent()) {
            // Ended meanwhile, or the bot itself is taking it away or moving it to another level's group right now:
            // not a change made outside it.
            return false;
        }
        Instant now = clock.instant();
        grant.moveTo(RequestState.REVOKED, now);
        grant.recordEnded(userGone ? "deleted outside the bot" : "removed from the group outside the bot");
        if (userGone) {
            requests.userDeleted(grant.iamUserName(), now);
        }
        audit.record(grantId, AuditTrail.BOT, "corrected by reconciliation", detail);
        followups.approvalMessageChanged(grantId);
        return true;
    }

    /** Whether reconciliation has read this group before. */
    @Transactional
    public boolean seenBefore(String group) {
        return findings.exists(GROUP_SEEN, group);
    }

    /**
     * Each member nobody granted is recorded as a finding (one already known, or kept, is left as it is) and the group
     * as seen, in the caller's transaction: a crash reports them all later or none. The new findings, as listed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Member> reportMembers(String group, List<String> members, Instant seenAt, boolean first) {
        List<Member> found = new ArrayList<>();
        for (String member : members) {
            report(MEMBER_NOT_GRANTED, member, null, "in " + group + " without a grant" + (first ? " (first look)"
                    : ""), seenAt).ifPresent(id -> found.add(new Member(id, member)));
        }
        findings.addAnswered(GROUP_SEEN, group, "seen", AuditTrail.BOT);
        return found;
    }

    /** One summary for members found together, which its Remove all and Keep all answer together. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void summarize(String group, List<Member> members, boolean first, Instant seenAt) {
        long id = report(SUMMARY, group + " " + seenAt, null, members.size() + " members nobody granted")
                .orElseThrow();
        findings.summarize(id, members.stream().map(Member::findingId).toList());
        jobs.enqueue(PostMemberSummary.TYPE, null, SUMMARY + ":" + id, new MemberSummary(id, group, first));
    }


    /** The members a summary stands for that are answered {@code resolution} (null: not answered), as listed. */
    @Transactional
    public List<Member> membersOf(long summaryId, String resolution) {
        return findings.members(summaryId, resolution);
    }

    /** An admin's answer to a finding; the finding as it was when they answered (decided once). */
    @AckPath
    public Optional<Finding> resolve(long findingId, String resolution, String admin) {
        // Only a member, or a summary of members, is answered with Remove or Keep (a crafted click on another
        // finding, say drift, must not settle it).
        return findings.lock(findingId).filter(f -> MEMBER_NOT_GRANTED.equals(f.kind())
                || SUMMARY.equals(f.kind())).map(before -> {
            if (before.resolution() == null) {
                findings.answer(findingId, resolution, admin);
                audit.record(null, admin, "reconciliation: " + resolution, before.subject());
                if (SUMMARY.equals(before.kind())) {
                    // The summary's answer is each of its members' answer.
                    findings.answerMembers(findingId, resolution, admin);
                    if (REMOVING.equals(resolution)) {
                        jobs.enqueue(RemoveMembers.TYPE, null, SUMMARY + ":" + findingId,
                                new MemberSummary(findingId, MemberSummary.groupOf(before.subject()), false));
                    }
                } else if (REMOVING.equals(resolution) && MEMBER_NOT_GRANTED.equals(before.kind())) {
                    removeLater(findingId, before.subject());
                }
            }
            return before;
        });
    }

    /** Queues a Remove in the order of the person the bot ever granted the user to: it cannot cross their grant. */
    @Transactional
    public void removeLater(long findingId, String member) {
        jobs.enqueue(RemoveMember.TYPE, null, grants.personOf(member).orElse(MEMBER_ORDER + member),
                new MemberRemoval(findingId, member));
    }

    /** The removal a finding asked for did not happen: the next reconciliation that sees the member reports it. */
    @Transactional
    public void removalFailed(long findingId, String subject, String why) {
        findings.settle(findingId, REMOVAL_FAILED);
        audit.record(null, AuditTrail.BOT, "reconciliation: removal failed", subject + ": " + why);
    }

    /**
     * Whether a grant of the bot gives (or is about to give) the member access now: then its Remove (or Remove all)
     * leaves it in the group, and the finding is settled so (reported again if it is back by hand after that grant).
     */
    @Transactional
    public boolean keptByAGrant(long findingId, String member) {
        if (!grants.grantedNow(member)) {
            return false;
        }
        findings.settle(findingId, GRANTED_SINCE);
        audit.record(null, AuditTrail.BOT, "reconciliation: stays, granted since", member);
        return true;
    }

    /** A first look's member whose removal goes its own way (a {@link RemoveMember} in its person's order). */
    @Transactional
    public void handedOver(long findingId) {
        findings.leaveSummary(findingId);
    }

    /** The removal a finding asked for is done. */
    @Transactional
    public void removed(long findingId, String subject) {
        findings.settle(findingId, REMOVED);
        audit.record(null, AuditTrail.BOT, "reconciliation: removed from the group", subject);
    }
}
