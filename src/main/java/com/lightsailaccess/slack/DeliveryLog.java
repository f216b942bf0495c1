package com.lightsailaccess.slack;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.db.AckPathStatement;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Remembers which Slack deliveries were handled (an Events API {@code event_id}, a click, a command's trigger), so
 * that the same delivery arriving twice has one effect. Slack retries events for up to about an hour; a day of
 * memory is plenty.
 */
@ApplicationScoped
class DeliveryLog {

    private static final Duration KEEP = Duration.ofDays(1);

    private final EntityManager em;
    private final AckPathStatement ackPath;
    private final Clock clock;

    public DeliveryLog(EntityManager em, AckPathStatement ackPath, Clock clock) {
        this.em = em;
        this.ackPath = ackPath;
        this.clock = clock;
    }

    /**
     * True the first time a key is seen; false for every repeat. Every request Slack sends passes here before its
     * listener, so it is one {@link AckPathStatement#execute auto-committed statement}; any failure comes out as
     * {@link DatabaseUnavailableException}. Its only caller, the delivery dedup middleware, runs before any
     * transaction.
     */
    public boolean firstTime(String key) {
        return ackPath.execute("insert into slack_delivery (delivery_key, received_at) values (?, ?) "
                + "on conflict do nothing", insert -> {
                    insert.setString(1, key);
                    insert.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    return insert.executeUpdate() == 1;
                });
    }

    /** Forgets a key whose handling failed, so that Slack's retry is handled rather than dropped. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forget(String key) {
        em.createNativeQuery("delete from slack_delivery where delivery_key = :key").setParameter("key", key)
                .executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "1m")
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void prune() {
        em.createNativeQuery("delete from slack_delivery where received_at < :before")
                .setParameter("before", clock.instant().minus(KEEP)).executeUpdate();
    }
}
