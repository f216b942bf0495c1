package com.lightsailaccess.reconcile;

import com.lightsailaccess.db.Timestamps;
import com.lightsailaccess.lifetime.LifetimeService;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.revoke.Revocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What reconciliation reads of the grants, and writes when IAM was changed outside the bot. */
@ApplicationScoped
class HeldGrants {

    /** An active grant that should have ended: whether its end passed, and its last removal's payload (JSON). */
    record Overdue(long id, String iamUserName, boolean expired, String lastRemoval) {
    }

    private final EntityManager em;
    private final Clock clock;

    HeldGrants(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Active grants whose end has passed, or whose own end (given back, unused) was asked for, and whose removal is
     * no longer under way: its last try gave up or failed, and it was not refused (an IAM user that is not the
     * bot's). The bot's timers and removals are still at work while any of them is open, so those are left alone.
     */
    @SuppressWarnings("unchecked")
    List<Overdue> overdue() {
        List<Object[]> rows = em.createNativeQuery("""
                select r.id, r.iam_user_name, coalesce(r.ends_at <= :now, false) as expired, last.payload
                  from access_request r
                  left join lateral (select j.payload, j.outcome, j.created_at from job j
                                      where j.kind = :revoke and j.request_id = r.id
                                      order by j.id desc limit 1) last on true
                 where r.kind = 'grant' and r.state = 'active' and not r.dry_run and r.iam_user_name is not null
                   and not exists (select 1 from job o where o.request_id = r.id and o.finished_at is null
                                      and o.kind = :revoke)
                   and not exists (select 1 from audit_event a where a.request_id = r.id
                                      and a.action = 'revocation refused' and a.at >= last.created_at)
                   and ((r.ends_at <= :now and not exists (select 1 from job t where t.request_id = r.id
                                                             and t.finished_at is null and t.kind = :expire))
                        or (last.outcome = 'failed'
                            and (last.payload::jsonb ->> 'why' in ('GIVEN_BACK', 'DORMANT')
                                 or last.payload::jsonb ->> 'why' = 'EXPIRED' and r.ends_at <= :now)))
                 order by r.id""").setParameter("now", clock.instant())
                .setParameter("revoke", Revocation.TYPE.name()).setParameter("expire", LifetimeService.EXPIRE.name())
                .getResultList();
        return rows.stream().map(r -> new Overdue(((Number) r[0]).longValue(), (String) r[1],
                Boolean.TRUE.equals(r[2]), (String) r[3])).toList();
    }

    /** Every real grant that gives, or is about to give, access now. */
    @SuppressWarnings("unchecked")
    List<ReconcileService.Held> current() {
        List<Object[]> rows = em.createNativeQuery("select id, requester_id, iam_user_name, state, "
                + "coalesce(decided_at, created_at), kept_at, dormant_asked_at, level, exists (select 1 from "
                + "access_request c where c.extends_request_id = r.id and c.kind = 'change' "
                + "and c.state in ('approved', 'provisioning')) from access_request r "
                + "where kind = 'grant' and not dry_run and iam_user_name is not null "
                + "and state in ('approved', 'provisioning', 'active') order by id").getResultList();
        return rows.stream().map(r -> new ReconcileService.Held(((Number) r[0]).longValue(), (String) r[1],
                (String) r[2], RequestState.valueOf(((String) r[3]).toUpperCase(Locale.ROOT)),
                Timestamps.instant(r[4]), Timestamps.instant(r[5]), Timestamps.instant(r[6]), (String) r[7],
                Boolean.TRUE.equals(r[8]))).toList();
    }

    /** The Slack user the bot last granted this IAM user to, if it ever did (a removal belongs in their order). */
    Optional<String> personOf(String iamUserName) {
        return em.createNativeQuery("select requester_id from access_request where iam_user_name is not null "
                + "and lower(iam_user_name) = lower(:user) order by id desc limit 1").setParameter("user", iamUserName)
                .getResultStream().findFirst().map(String.class::cast);
    }

    /** Whether the bot ever provisioned a real grant (one with an IAM user): the group is not new to it. */
    @Transactional
    boolean provisionedEver() {
        return !em.createNativeQuery("select 1 from access_request where kind = 'grant' and not dry_run "
                + "and iam_user_name is not null limit 1").getResultList().isEmpty();
    }

    /** Whether a grant of the bot gives (or is about to give) this IAM user access now. */
    boolean grantedNow(String iamUserName) {
        return ((Number) em.createNativeQuery("select count(*) from access_request where kind = 'grant' "
                + "and not dry_run and lower(iam_user_name) = lower(:user) "
                + "and state in ('approved', 'provisioning', 'active')").setParameter("user", iamUserName)
                .getSingleResult()).longValue() > 0;
    }
}
