package com.lightsailaccess.reconcile;

import com.google.gson.Gson;
import com.lightsailaccess.db.AckPathTransaction;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.IssuedKey;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.revoke.Revocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger's side of reconciliation: which grants the bot holds, what it already reported (each finding once),
 * corrections when IAM was changed outside the bot, and the admins' answers to a finding.
 */
@ApplicationScoped
public class ReconcileService {

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

    /** The first look at a group the bot never saw: one summary of the members nobody granted. */
    public static final String FIRST_LOOK = "first-look";
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
    /** A member of a first look that the bot granted access to before Remove all reached it: it stays. */
    static final String GRANTED_SINCE = "granted since";
    /** Resolutions after which a finding that is seen again is reported again. */
    private static final Set<Object> REOPENED_BY_A_NEW_SIGHT = Set.of(REMOVED, CLEARED, REMOVAL_FAILED);
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
            Instant keptAt, Instant dormantAskedAt) {
    }

    /** A finding and what was decided about it. */
    public record Finding(long id, String kind, String subject, String resolution, String resolvedBy) {
    }

    /** A member reported by a first look, by its finding. */
    record Member(long findingId, String name) {
    }

    private final AuditTrail audit;
    private final JobQueue jobs;
    private final EntityManager em;
    private final AckPathTransaction ackPath;
    private final Followups followups;
    private final Clock clock;

    public ReconcileService(AuditTrail audit, JobQueue jobs, EntityManager em, AckPathTransaction ackPath,
            Followups followups, Clock clock) {
        this.audit = audit;
        this.jobs = jobs;
        this.em = em;
        this.ackPath = ackPath;
        this.followups = followups;
        this.clock = clock;
    }

    /** The recurring job exists (one, whatever the number of replicas) and is due now: at start-up. */
    @Transactional
    public void runSoon() {
        if (!jobs.makeDue(JobKind.RECONCILE.name())) {
            jobs.enqueueOnce(JobKind.RECONCILE, null, "reconcile", null, JobKind.RECONCILE.name(), clock.instant());
        }
    }

    /**
     * Active grants whose end has passed, or whose own end (given back, unused) was asked for, and whose removal is
     * no longer under way: its last try gave up or failed, and it was not refused (an IAM user that is not the
     * bot's). The bot's timers and removals are still at work while any of them is open, so those are left alone.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Overdue> overdueEnds() {
        List<Object[]> rows = em.createNativeQuery("""
                select r.id, r.iam_user_name, coalesce(r.ends_at <= :now, false) as expired, last.payload
                  from access_request r
                  left join lateral (select j.payload, j.outcome, j.created_at from job j
                                      where j.kind = 'REVOKE' and j.request_id = r.id
                                      order by j.id desc limit 1) last on true
                 where r.kind = 'grant' and r.state = 'active' and not r.dry_run and r.iam_user_name is not null
                   and not exists (select 1 from job o where o.request_id = r.id and o.finished_at is null
                                      and o.kind = 'REVOKE')
                   and not exists (select 1 from audit_event a where a.request_id = r.id
                                      and a.action = 'revocation refused' and a.at >= last.created_at)
                   and ((r.ends_at <= :now and not exists (select 1 from job t where t.request_id = r.id
                                                             and t.finished_at is null and t.kind = 'EXPIRE'))
                        or (last.outcome = 'failed'
                            and (last.payload::jsonb ->> 'why' in ('GIVEN_BACK', 'DORMANT')
                                 or last.payload::jsonb ->> 'why' = 'EXPIRED' and r.ends_at <= :now)))
                 order by r.id""").setParameter("now", clock.instant()).getResultList();
        return rows.stream().map(r -> {
            Revocation ended = Boolean.TRUE.equals(r[2]) || r[3] == null ? null
                    : GSON.fromJson((String) r[3], Revocation.class);
            return ended == null
                    ? new Overdue(((Number) r[0]).longValue(), (String) r[1], EXPIRY, Revocation.Why.EXPIRED)
                    : new Overdue(((Number) r[0]).longValue(), (String) r[1], ended.actor(), ended.why());
        }).toList();
    }

    /** Every real grant that gives, or is about to give, access now. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Held> currentGrants() {
        List<Object[]> rows = em.createNativeQuery("select id, requester_id, iam_user_name, state, "
                + "coalesce(decided_at, created_at), kept_at, dormant_asked_at from access_request "
                + "where kind = 'grant' and not dry_run and iam_user_name is not null "
                + "and state in ('approved', 'provisioning', 'active') order by id").getResultList();
        return rows.stream().map(r -> new Held(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                RequestState.valueOf(((String) r[3]).toUpperCase(java.util.Locale.ROOT)), instant(r[4]),
                instant(r[5]), instant(r[6]))).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /**
     * Records a finding; true the first time it is found (and again when one that was resolved by removing it
     * comes back). An admin's "Keep" is remembered: that finding is not reported again.
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
        Object existing = em.createNativeQuery("select id, resolution, resolved_at from reconcile_finding "
                + "where kind = :kind "
                + "and subject = :subject").setParameter("kind", kind).setParameter("subject", subject)
                .getResultStream().findFirst().orElse(null);
        if (existing == null) {
            Number id = (Number) em.createNativeQuery("insert into reconcile_finding (kind, subject, request_id, "
                    + "detail, reported_at) values (:kind, :subject, :request, :detail, :now) returning id")
                    .setParameter("kind", kind).setParameter("subject", subject).setParameter("request", requestId)
                    .setParameter("detail", detail).setParameter("now", clock.instant()).getSingleResult();
            audit.record(requestId, AuditTrail.BOT, "reconciliation: " + kind, subject + ": " + detail);
            return Optional.of(id.longValue());
        }
        Object[] row = (Object[]) existing;
        Instant goneAt = instant(row[2]);
        if (REOPENED_BY_A_NEW_SIGHT.contains(row[1]) && (goneAt == null || goneAt.isBefore(seenAt))) {
            em.createNativeQuery("update reconcile_finding set resolution = null, resolved_by = null, "
                    + "resolved_at = null, reported_at = :now, detail = :detail where id = :id")
                    .setParameter("now", clock.instant()).setParameter("detail", detail)
                    .setParameter("id", ((Number) row[0]).longValue()).executeUpdate();
            audit.record(requestId, AuditTrail.BOT, "reconciliation: " + kind, subject + " is back: " + detail);
            return Optional.of(((Number) row[0]).longValue());
        }
        return Optional.empty();
    }

    /** A finding that went away by itself (the group is there again): reported again if it comes back. */
    @Transactional
    public void clear(String kind, String subject) {
        em.createNativeQuery("update reconcile_finding set resolution = :cleared, resolved_by = :bot, "
                + "resolved_at = :now where kind = :kind and subject = :subject and resolution is null")
                .setParameter("cleared", CLEARED).setParameter("bot", AuditTrail.BOT)
                .setParameter("now", clock.instant())
                .setParameter("kind", kind).setParameter("subject", subject).executeUpdate();
    }

    /** The subjects of the open findings of a kind, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> open(String kind) {
        return em.createNativeQuery("select subject from reconcile_finding where kind = :kind and resolution is null "
                + "order by reported_at, id").setParameter("kind", kind).getResultList();
    }

    /**
     * IAM was changed outside the bot: the grant's user left the group, or is gone. The ledger says so (the grant
     * is revoked, and a deleted user is recorded); false when the grant had moved on meanwhile.
     */
    @Transactional
    public boolean correct(long grantId, boolean userGone, String detail) {
        AccessRequest grant = em.find(AccessRequest.class, grantId, LockModeType.PESSIMISTIC_WRITE);
        if (grant == null || grant.state() != RequestState.ACTIVE
                || !jobs.openKeys(JobKind.REVOKE, grantId).isEmpty()) {
            // Ended meanwhile, or the bot itself is taking it away right now: not a change made outside it.
            return false;
        }
        Instant now = clock.instant();
        grant.moveTo(RequestState.REVOKED, now);
        grant.recordEnded(userGone ? "deleted outside the bot" : "removed from the group outside the bot");
        if (userGone) {
            em.createNamedQuery(AccessRequest.MARK_USER_DELETED).setParameter("now", now)
                    .setParameter("user", grant.iamUserName()).executeUpdate();
            em.createNamedQuery(IssuedKey.DELETED_WITH_USER).setParameter("now", now)
                    .setParameter("user", grant.iamUserName()).executeUpdate();
        }
        audit.record(grantId, AuditTrail.BOT, "corrected by reconciliation", detail);
        followups.approvalMessageChanged(grantId);
        return true;
    }

    /** Whether reconciliation has read this group before. */
    @Transactional
    public boolean seenBefore(String group) {
        return !em.createNativeQuery("select 1 from reconcile_finding where kind = :kind and subject = :group")
                .setParameter("kind", GROUP_SEEN).setParameter("group", group).getResultList().isEmpty();
    }

    /**
     * The first look at a group: each member nobody granted is recorded as a finding (one already known, or kept,
     * is left as it is), the group is recorded as seen, and all in one transaction, so a crash reports them all
     * later or none. The new findings, in the order of {@code members}.
     */
    @Transactional
    public List<Member> firstLook(String group, List<String> members, Instant seenAt) {
        List<Member> found = new java.util.ArrayList<>();
        for (String member : members) {
            report(MEMBER_NOT_GRANTED, member, null, "in " + group + " without a grant (first look)", seenAt)
                    .ifPresent(id -> found.add(new Member(id, member)));
        }
        em.createNativeQuery("insert into reconcile_finding (kind, subject, resolution, resolved_by, resolved_at) "
                + "values (:kind, :group, 'seen', :bot, :now) on conflict (kind, subject) do nothing")
                .setParameter("kind", GROUP_SEEN).setParameter("group", group).setParameter("bot", AuditTrail.BOT)
                .setParameter("now", clock.instant()).executeUpdate();
        return found;
    }

    /** One summary for the members of a first look, which its Remove all and Keep all answer together. */
    @Transactional
    public long summarize(String group, List<Member> members) {
        long id = report(FIRST_LOOK, group, null, members.size() + " members nobody granted").orElseThrow();
        em.createNativeQuery("update reconcile_finding set summary_id = :summary where id in (:ids)")
                .setParameter("summary", id).setParameter("ids", members.stream().map(Member::findingId).toList())
                .executeUpdate();
        jobs.enqueue(JobKind.POST_FIRST_LOOK, null, FIRST_LOOK + ":" + id, new FirstLook(id, group));
        return id;
    }

    /** The members a summary stands for that are answered {@code resolution} (null: not answered), as listed. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Member> membersOf(long summaryId, String resolution) {
        List<Object[]> rows = em.createNativeQuery("select id, subject from reconcile_finding where summary_id = :id "
                + "and resolution is not distinct from :resolution order by id").setParameter("id", summaryId)
                .setParameter("resolution", resolution).getResultList();
        return rows.stream().map(r -> new Member(((Number) r[0]).longValue(), (String) r[1])).toList();
    }

    /** An admin's answer to a finding; the finding as it was when they answered (decided once). */
    public Optional<Finding> resolve(long findingId, String resolution, String admin) {
        return ackPath.call(() -> {
            Object[] row = (Object[]) em.createNativeQuery("select id, kind, subject, resolution, resolved_by "
                    + "from reconcile_finding where id = :id for update").setParameter("id", findingId)
                    .getResultStream().findFirst().orElse(null);
            if (row == null) {
                return Optional.empty();
            }
            Finding before = new Finding(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                    (String) row[3], (String) row[4]);
            if (before.resolution() == null) {
                em.createNativeQuery("update reconcile_finding set resolution = :resolution, resolved_by = :admin, "
                        + "resolved_at = :now where id = :id").setParameter("resolution", resolution)
                        .setParameter("admin", admin).setParameter("now", clock.instant()).setParameter("id", findingId)
                        .executeUpdate();
                audit.record(null, admin, "reconciliation: " + resolution, before.subject());
                if (FIRST_LOOK.equals(before.kind())) {
                    // The summary's answer is each of its members' answer.
                    em.createNativeQuery("update reconcile_finding set resolution = :resolution, resolved_by = "
                            + ":admin, resolved_at = :now where summary_id = :id and resolution is null")
                            .setParameter("resolution", resolution).setParameter("admin", admin)
                            .setParameter("now", clock.instant()).setParameter("id", findingId).executeUpdate();
                    if (REMOVING.equals(resolution)) {
                        jobs.enqueue(JobKind.REMOVE_MEMBERS, null, FIRST_LOOK + ":" + findingId,
                                new FirstLook(findingId, before.subject()));
                    }
                } else if (REMOVING.equals(resolution) && MEMBER_NOT_GRANTED.equals(before.kind())) {
                    removeLater(findingId, before.subject());
                }
            }
            return Optional.of(before);
        });
    }

    /** Queues the removal of a member an admin answered Remove for, in the order of the person it belongs to. */
    @Transactional
    public void removeLater(long findingId, String member) {
        jobs.enqueue(JobKind.REMOVE_MEMBER, null, orderOf(member), new MemberRemoval(findingId, member));
    }

    /** Whether a member's removal belongs in the job order of a person the bot ever granted that IAM user to. */
    @Transactional
    public boolean grantedBefore(String iamUserName) {
        return !orderOf(iamUserName).equals(MEMBER_ORDER + iamUserName);
    }

    /**
     * The job order a removal of this IAM user waits in: the order of the person the bot ever granted it to (their
     * grants, reveals and revocations run in it, so a removal and a new grant of theirs cannot cross), or the
     * user's own when the bot never granted it.
     */
    private String orderOf(String iamUserName) {
        Object person = em.createNativeQuery("select requester_id from access_request where iam_user_name is not null "
                + "and lower(iam_user_name) = lower(:user) order by id desc limit 1").setParameter("user", iamUserName)
                .getResultStream().findFirst().orElse(null);
        return person == null ? MEMBER_ORDER + iamUserName : (String) person;
    }

    /** Whether a grant of the bot gives (or is about to give) this IAM user access now. */
    @Transactional
    public boolean grantedNow(String iamUserName) {
        return ((Number) em.createNativeQuery("select count(*) from access_request where kind = 'grant' "
                + "and not dry_run and lower(iam_user_name) = lower(:user) "
                + "and state in ('approved', 'provisioning', 'active')").setParameter("user", iamUserName)
                .getSingleResult()).longValue() > 0;
    }

    /** The removal a finding asked for did not happen: the next reconciliation that sees the member reports it. */
    @Transactional
    public void removalFailed(long findingId, String subject, String why) {
        em.createNativeQuery("update reconcile_finding set resolution = :failed, resolved_at = :now where id = :id")
                .setParameter("failed", REMOVAL_FAILED).setParameter("now", clock.instant())
                .setParameter("id", findingId).executeUpdate();
        audit.record(null, AuditTrail.BOT, "reconciliation: removal failed", subject + ": " + why);
    }

    /** A first look's member that has a grant now: Remove all leaves it in the group. */
    @Transactional
    public void grantedSince(long findingId, String subject) {
        em.createNativeQuery("update reconcile_finding set resolution = :granted, resolved_at = :now where id = :id")
                .setParameter("granted", GRANTED_SINCE).setParameter("now", clock.instant())
                .setParameter("id", findingId).executeUpdate();
        audit.record(null, AuditTrail.BOT, "reconciliation: stays, granted since", subject);
    }

    /** A first look's member whose removal goes its own way (a {@link RemoveMember} in its person's order). */
    @Transactional
    public void handedOver(long findingId) {
        em.createNativeQuery("update reconcile_finding set summary_id = null where id = :id")
                .setParameter("id", findingId).executeUpdate();
    }

    /** The removal a finding asked for is done. */
    @Transactional
    public void removed(long findingId, String subject) {
        em.createNativeQuery("update reconcile_finding set resolution = :removed, resolved_at = :now where id = :id")
                .setParameter("removed", REMOVED).setParameter("now", clock.instant()).setParameter("id", findingId)
                .executeUpdate();
        audit.record(null, AuditTrail.BOT, "reconciliation: removed from the group", subject);
    }
}
