package com.lightsailaccess.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hibernate.query.NativeQuery;

/**
 * Writes the audit trail. Callers pass what happened in words and identifiers (request ids, Slack user ids, IAM
 * user names, access key ids); a password or a secret access key must never be handed to it.
 */
@ApplicationScoped
public class AuditTrail implements PanacheRepository<AuditEvent> {

    /** The actor for what the bot does on its own. */
    public static final String BOT = "bot";
    /** Rows an export reads from the database a round trip. */
    static final int EXPORT_FETCH_SIZE = 500;

    private final Clock clock;

    public AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /** Appends within the caller's transaction, or a new one. */
    @Transactional
    public void record(Long requestId, String actor, String action, String detail) {
        persist(new AuditEvent(requestId, actor, action, detail, clock.instant()));
    }

    public List<AuditEvent> of(long requestId) {
        return list("#" + AuditEvent.OF_REQUEST, Map.of("request", requestId));
    }

    /** When {@code actor} last did {@code action} (indexed by actor), if ever. */
    public Optional<Instant> lastBy(String actor, String action) {
        return getEntityManager().createQuery("select max(e.at) from AuditEvent e where e.actor = :actor "
                + "and e.action = :action", Instant.class).setParameter("actor", actor).setParameter("action", action)
                .getResultStream().filter(Objects::nonNull).findFirst();
    }

    /** The newest event's id now: an export holds the events up to it, however many are added meanwhile. */
    public long newestId() {
        Number id = (Number) getEntityManager().createNativeQuery("select coalesce(max(id), 0) from audit_event")
                .getSingleResult();
        return id.longValue();
    }

    /** How many events up to {@code upToId} match. */
    public long count(Optional<String> slackUserId, Optional<String> iamUserName, Optional<Instant> since,
            long upToId) {
        Query q = matching("select count(*)", slackUserId, iamUserName, since, upToId, "");
        return ((Number) q.getSingleResult()).longValue();
    }

    /** The newest {@code limit} matching events up to {@code upToId}, newest first. */
    public List<AuditEvent> newest(Optional<String> slackUserId, Optional<String> iamUserName,
            Optional<Instant> since, long upToId, int limit) {
        Query q = matching("select e.*", slackUserId, iamUserName, since, upToId, " order by e.id desc");
        q.setMaxResults(limit);
        return typed(q);
    }

    /**
     * Every event an export holds (the events up to {@code upToId} that match), oldest first, read through a cursor
     * ({@value #EXPORT_FETCH_SIZE} rows a round trip) as plain values: neither the JDBC driver nor Hibernate's session
     * keeps more than one batch, however long the trail. PostgreSQL's driver keeps a cursor only inside a transaction,
     * so the caller holds one until it has closed the stream. The events are not managed entities.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Stream<AuditEvent> streamOf(Optional<String> slackUserId, Optional<String> iamUserName,
            Optional<Instant> since, long upToId) {
        Query q = matching("select e.at, e.request_id, e.actor, e.action, e.detail", slackUserId, iamUserName, since,
                upToId, " order by e.id");
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> rows = q.unwrap(NativeQuery.class);
        rows.addScalar("at", Instant.class).addScalar("request_id", Long.class).addScalar("actor", String.class)
                .addScalar("action", String.class).addScalar("detail", String.class);
        rows.setFetchSize(EXPORT_FETCH_SIZE);
        return rows.getResultStream().map(r -> new AuditEvent((Long) r[1], (String) r[2], (String) r[3],
                (String) r[4], (Instant) r[0]));
    }

    @SuppressWarnings("unchecked")
    private static List<AuditEvent> typed(Query q) {
        return q.getResultList();
    }

    /**
     * A Slack user's events: those of their requests, and what they did themselves (approvals, revocations). An IAM
     * user's: those of the requests that named it and of extensions of those, and the bot's findings about it that
     * concern no request (reconciliation names the IAM user first in the detail).
     */
    private Query matching(String select, Optional<String> slackUserId, Optional<String> iamUserName,
            Optional<Instant> since, long upToId, String order) {
        List<String> where = new ArrayList<>();
        where.add("e.id <= :upTo");
        since.ifPresent(s -> where.add("e.at >= :since"));
        // "= any(array(select …))", not "in (select …)": the ids are read once, and each side of the "or" then has
        // an index of its own (V11), which PostgreSQL combines; an "in" beside an "or" is checked against every event.
        slackUserId.ifPresent(u -> where.add("(e.actor = :slackUser or e.request_id = any(array(select r.id from "
                + "access_request r where r.requester_id = :slackUser)))"));
        iamUserName.ifPresent(u -> where.add("(e.request_id = any(array(select r.id from access_request r "
                + "where lower(r.iam_user_name) = :iamUser or r.extends_request_id = any(array(select g.id from "
                + "access_request g where lower(g.iam_user_name) = :iamUser)))) or (e.request_id is null and "
                + "(lower(e.detail) = :iamUser or left(lower(e.detail), length(:iamUser) + 1) in "
                + "(:iamUser || ':', :iamUser || ' '))))"));
        String sql = select + " from audit_event e where " + String.join(" and ", where) + order;
        Query q = select.contains("e.*") ? getEntityManager().createNativeQuery(sql, AuditEvent.class)
                : getEntityManager().createNativeQuery(sql);
        q.setParameter("upTo", upToId);
        since.ifPresent(s -> q.setParameter("since", s));
        slackUserId.ifPresent(u -> q.setParameter("slackUser", u));
        iamUserName.ifPresent(u -> q.setParameter("iamUser", u.toLowerCase(Locale.ROOT)));
        return q;
    }
}
