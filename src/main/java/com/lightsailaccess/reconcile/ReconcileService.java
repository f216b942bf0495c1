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

    private static final String CLEARED = "cleared";
    /** A Remove from group that IAM refused, or that gave up: the member is reported again by the next run. */
    private static final String REMOVAL_FAILED = "removal failed";
    /** Resolutions after which a finding that is seen again is reported again. */
    private static final Set<Object> REOPENED_BY_A_NEW_SIGHT = Set.of("removed", CLEARED, REMOVAL_FAILED);
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
                if ("removing".equals(resolution) && MEMBER_NOT_GRANTED.equals(before.kind())) {
                    jobs.enqueue(JobKind.REMOVE_MEMBER, null, orderOf(before.subject()),
                            new MemberRemoval(findingId, before.subject()));
                }
            }
            return Optional.of(before);
        });
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
        return person == null ? "member:" + iamUserName : (String) person;
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

    /** The removal a finding asked for is done. */
    @Transactional
    public void removed(long findingId, String subject) {
        em.createNativeQuery("update reconcile_finding set resolution = 'removed', resolved_at = :now where id = :id")
                .setParameter("now", clock.instant()).setParameter("id", findingId).executeUpdate();
        audit.record(null, AuditTrail.BOT, "reconciliation: removed from the group", subject);
    }
}
