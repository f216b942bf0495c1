package com.lightsailaccess.reconcile;

import com.lightsailaccess.db.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The findings reconciliation reported, and what was decided about them: every statement on
 * {@code reconcile_finding}. One row per kind and subject. The callers hold the transaction.
 */
@ApplicationScoped
class Findings {

    /** A finding as it stands: its id, its answer (null while open) and when it got it. */
    record Standing(long id, String resolution, Instant resolvedAt) {
    }

    private final EntityManager em;
    private final Clock clock;

    Findings(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    Optional<Standing> find(String kind, String subject) {
        return em.createNativeQuery("select id, resolution, resolved_at from reconcile_finding where kind = :kind "
                + "and subject = :subject").setParameter("kind", kind).setParameter("subject", subject)
                .getResultStream().findFirst().map(r -> {
                    Object[] row = (Object[]) r;
                    return new Standing(((Number) row[0]).longValue(), (String) row[1], Timestamps.instant(row[2]));
                });
    }

    long add(String kind, String subject, Long requestId, String detail) {
        return ((Number) em.createNativeQuery("insert into reconcile_finding (kind, subject, request_id, detail, "
                + "reported_at) values (:kind, :subject, :request, :detail, :now) returning id")
                .setParameter("kind", kind).setParameter("subject", subject).setParameter("request", requestId)
                .setParameter("detail", detail).setParameter("now", clock.instant()).getSingleResult()).longValue();
    }

    /** Open again, as if first reported now. */
    void reopen(long id, String detail) {
        em.createNativeQuery("update reconcile_finding set resolution = null, resolved_by = null, resolved_at = null, "
                + "reported_at = :now, detail = :detail where id = :id").setParameter("now", clock.instant())
                .setParameter("detail", detail).setParameter("id", id).executeUpdate();
    }

    /** Answers the open finding of a kind and subject, if there is one. */
    void answerOpen(String kind, String subject, String resolution, String by) {
        em.createNativeQuery("update reconcile_finding set resolution = :resolution, resolved_by = :by, "
                + "resolved_at = :now where kind = :kind and subject = :subject and resolution is null")
                .setParameter("resolution", resolution).setParameter("by", by).setParameter("now", clock.instant())
                .setParameter("kind", kind).setParameter("subject", subject).executeUpdate();
    }

    /** Records something that is no finding to act on (a group seen), once. */
    void addAnswered(String kind, String subject, String resolution, String by) {
        em.createNativeQuery("insert into reconcile_finding (kind, subject, resolution, resolved_by, resolved_at) "
                + "values (:kind, :subject, :resolution, :by, :now) on conflict (kind, subject) do nothing")
                .setParameter("kind", kind).setParameter("subject", subject).setParameter("resolution", resolution)
                .setParameter("by", by).setParameter("now", clock.instant()).executeUpdate();
    }

    boolean exists(String kind, String subject) {
        return !em.createNativeQuery("select 1 from reconcile_finding where kind = :kind and subject = :subject")
                .setParameter("kind", kind).setParameter("subject", subject).getResultList().isEmpty();
    }

    @SuppressWarnings("unchecked")
    List<String> openSubjects(String kind) {
        return em.createNativeQuery("select subject from reconcile_finding where kind = :kind and resolution is null "
                + "order by reported_at, id").setParameter("kind", kind).getResultList();
    }

    /** The finding, locked until the transaction ends: an answer is decided once. */
    Optional<ReconcileService.Finding> lock(long id) {
        return em.createNativeQuery("select id, kind, subject, resolution, resolved_by from reconcile_finding "
                + "where id = :id for update").setParameter("id", id).getResultStream().findFirst().map(r -> {
                    Object[] row = (Object[]) r;
                    return new ReconcileService.Finding(((Number) row[0]).longValue(), (String) row[1],
                            (String) row[2], (String) row[3], (String) row[4]);
                });
    }

    /** An admin's answer. */
    void answer(long id, String resolution, String admin) {
        em.createNativeQuery("update reconcile_finding set resolution = :resolution, resolved_by = :admin, "
                + "resolved_at = :now where id = :id").setParameter("resolution", resolution)
                .setParameter("admin", admin).setParameter("now", clock.instant()).setParameter("id", id)
                .executeUpdate();
    }

    /** The same answer for every open member of a summary. */
    void answerMembers(long summaryId, String resolution, String admin) {
        em.createNativeQuery("update reconcile_finding set resolution = :resolution, resolved_by = :admin, "
                + "resolved_at = :now where summary_id = :id and resolution is null")
                .setParameter("resolution", resolution).setParameter("admin", admin)
                .setParameter("now", clock.instant()).setParameter("id", summaryId).executeUpdate();
    }

    /** How the work an answer asked for ended (removed, failed…); who answered stays recorded. */
    void settle(long id, String resolution) {
        em.createNativeQuery("update reconcile_finding set resolution = :resolution, resolved_at = :now where id = :id")
                .setParameter("resolution", resolution).setParameter("now", clock.instant()).setParameter("id", id)
                .executeUpdate();
    }

    void summarize(long summaryId, List<Long> memberIds) {
        em.createNativeQuery("update reconcile_finding set summary_id = :summary where id in (:ids)")
                .setParameter("summary", summaryId).setParameter("ids", memberIds).executeUpdate();
    }

    void leaveSummary(long id) {
        em.createNativeQuery("update reconcile_finding set summary_id = null where id = :id").setParameter("id", id)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    List<ReconcileService.Member> members(long summaryId, String resolution) {
        List<Object[]> rows = em.createNativeQuery("select id, subject from reconcile_finding where summary_id = :id "
                + "and resolution is not distinct from :resolution order by id").setParameter("id", summaryId)
                .setParameter("resolution", resolution).getResultList();
        return rows.stream().map(r -> new ReconcileService.Member(((Number) r[0]).longValue(), (String) r[1]))
                .toList();
    }
}
