package com.lightsailaccess.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * An export reads the trail through a database cursor: while it is under way, PostgreSQL holds the rest of the
 * rows in an open portal ({@code pg_cursors} lists those of the session), and Hibernate's session holds no event.
 * PostgreSQL's driver would otherwise read every row into memory before handing over the first.
 */
@QuarkusTest
@BotTest
class AuditTrailCursorTest {

    @Inject
    AuditTrail audit;

    @Inject
    EntityManager em;

    @Inject
    Db db;

    @Test
    void anExportReadsTheTrailABatchAtATimeAndKeepsNoEventInTheSession() {
        Flow.fresh(db);
        int events = 3 * AuditTrail.EXPORT_FETCH_SIZE + 7;
        db.update("insert into audit_event (actor, action, detail) select 'U0BULK', 'noted', 'event ' || g "
                + "from generate_series(1, ?) g order by g", events);
        long upTo = db.count("select max(id) from audit_event");
        QuarkusTransaction.requiringNew().run(() -> {
            try (Stream<AuditEvent> trail = audit.streamOf(Optional.empty(), Optional.empty(), Optional.empty(),
                    upTo)) {
                Iterator<AuditEvent> it = trail.iterator();
                assertEquals("event 1", it.next().detail());
                @SuppressWarnings("unchecked")
                List<String> open = em.createNativeQuery("select statement from pg_cursors").getResultList();
                assertTrue(open.stream().anyMatch(s -> s.contains("from audit_event e")),
                        "the export's query is an open cursor after its first row: " + open);
                int read = 1;
                String last = null;
                while (it.hasNext()) {
                    last = it.next().detail();
                    read++;
                }
                assertEquals(events, read);
                assertEquals("event " + events, last, "oldest first, to the last");
                assertEquals(0, em.unwrap(Session.class).getStatistics().getEntityCount(),
                        "no event was kept in Hibernate's session");
            }
        });
    }
}
