package com.lightsailaccess.access;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Writes the audit trail. Callers pass what happened in words and identifiers (request ids, Slack user ids, IAM
 * user names, access key ids); a password or a secret access key must never be handed to it.
 */
@ApplicationScoped
public class AuditTrail implements PanacheRepository<AuditEvent> {

    /** The actor for what the bot does on its own. */
    public static final String BOT = "bot";

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
        return list("#" + AuditEvent.OF_REQUEST, Parameters.with("request", requestId));
    }
}
