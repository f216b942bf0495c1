package com.lightsailaccess.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /lightsail-audit}'s filters are served by indexes: a person (what they did, and their requests), an IAM
 * user (its requests and the extensions of those) and {@code since}. Among 20,000 other events (a table of a few
 * rows is read whole whatever its indexes), PostgreSQL's own choice is checked: the scans each index made in the
 * transaction that ran the query. A filter that no index serves reads the whole trail.
 */
@QuarkusTest
@BotTest
class AuditTrailIndexesTest {

    static final String ALICE = Flow.ALICE;
    static final String BOB = "U0BOB";
    static final String ADMIN = SlackApiResource.ADMIN;

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager em;

    @Inject
    Db db;

    long grant;
    long extension;
    long bobs;

    @BeforeEach
    void trail() {
        Flow.fresh(db);
        grant = request(ALICE, "alice@example.com", null);
        extension = request(ALICE, null, grant);
        bobs = request(BOB, "bob@example.com", null);
        event(grant, ALICE, "requested", "console", 0);
        event(grant, ADMIN, "approved", "pending -> approved", 0);
        event(extension, ALICE, "extension requested", "of #" + grant, 0);
        event(bobs, BOB, "requested", "console", 0);
        event(bobs, ALICE, "approved", "pending -> approved", 0);
        event(null, "bot", "reconciliation: not in the ledger", "Alice@example.com: in the group", 0);
        event(null, "bot", "reconciliation: not in the ledger", "bob@example.com: in the group", 0);
        event(grant, "bot", "reminded", "ten days ago", 10);
        db.update("insert into access_request (requester_id, access_type, reason, state, iam_user_name) "
                + "select 'U0OTHER' || g, 'console', 'x', 'revoked', 'other' || g || '@example.com' "
                + "from generate_series(1, 2000) g");
        db.update("insert into audit_event (request_id, actor, action, detail, at) select r.id, 'bot', 'noted', "
                + "'something else', now() - make_interval(days => 30 + k) from access_request r, "
                + "generate_series(1, 10) k where r.requester_id like 'U0OTHER%'");
        // Vacuumed as well as analyzed: the plan must not depend on whether autovacuum has come by yet.
        db.update("vacuum analyze access_request, audit_event");
    }

    long request(String requester, String iamUser, Long extendsRequest) {
        return db.count("insert into access_request (requester_id, access_type, reason, state, iam_user_name, kind, "
                + "extends_request_id) values (?, 'console', 'x', 'revoked', ?, ?, ?) returning id", requester,
                iamUser, extendsRequest == null ? "grant" : "extension", extendsRequest);
    }

    void event(Long request, String actor, String action, String detail, int daysAgo) {
        db.update("insert into audit_event (request_id, actor, action, detail, at) values (?, ?, ?, ?, now() - "
                + "make_interval(days => ?))", request, actor, action, detail, daysAgo);
    }

    /**
     * How many scans each of {@code indexes} made while {@code query} ran, and what the query answered; -1 for an
     * index that does not exist.
     */
    Map<String, Long> scans(LongSupplier query, List<String> indexes, long[] answer) {
        return QuarkusTransaction.requiringNew().call(() -> {
            answer[0] = query.getAsLong();
            Map<String, Long> scans = new LinkedHashMap<>();
            for (String index : indexes) {
                scans.put(index, ((Number) em.createNativeQuery("select coalesce(pg_stat_get_xact_numscans("
                        + "to_regclass(:index)), -1)").setParameter("index", index).getSingleResult()).longValue());
            }
            return scans;
        });
    }

    static void allScanned(Map<String, Long> scans) {
        scans.forEach((index, n) -> assertTrue(n > 0, index + " was not used (" + n + " scans): " + scans));
    }

    @Test
    void aPersonsEventsAreFoundThroughTheActorIndexAndTheirRequests() {
        long[] count = new long[1];
        allScanned(scans(() -> audit.count(Optional.of(ALICE), Optional.empty(), Optional.empty(), Long.MAX_VALUE),
                List.of("audit_event_by_actor", "access_request_by_requester", "audit_event_by_request"), count));
        assertEquals(5, count[0], "her requests' events and what she did to Bob's");
        allScanned(scans(() -> audit.newest(Optional.of(ALICE), Optional.empty(), Optional.empty(), Long.MAX_VALUE,
                20).size(), List.of("audit_event_by_actor", "audit_event_by_request"), count));
        assertEquals(5, count[0]);
    }

    @Test
    void anIamUsersEventsAreFoundThroughItsRequestsTheirExtensionsAndTheFindings() {
        long[] count = new long[1];
        allScanned(scans(() -> audit.count(Optional.empty(), Optional.of("alice@example.com"), Optional.empty(),
                Long.MAX_VALUE), List.of("access_request_by_iam_user", "access_request_by_extended_grant",
                "audit_event_by_request"), count));
        assertEquals(5, count[0], "the grant's events, the extension's and the finding about the IAM user");
    }

    @Test
    void sinceIsServedByTheTimeIndex() {
        long[] count = new long[1];
        allScanned(scans(() -> audit.count(Optional.empty(), Optional.empty(),
                Optional.of(Instant.now().minus(1, ChronoUnit.DAYS)), Long.MAX_VALUE),
                List.of("audit_event_by_time"), count));
        assertEquals(7, count[0], "everything but the event of ten days ago");
    }
}
