package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the append-only audit trail (the database refuses updates and deletes). Never holds a secret. */
@Entity
@Table(name = "audit_event")
@NamedQuery(name = AuditEvent.OF_REQUEST, query = "from AuditEvent e where e.requestId = :request order by e.id")
public class AuditEvent {

    static final String OF_REQUEST = "AuditEvent.ofRequest";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id")
    private Long requestId;

    @Column(name = "actor", nullable = false)
    private String actor;

    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "detail")
    private String detail;

    @Column(name = "at", nullable = false)
    private Instant at;

    protected AuditEvent() {
    }

    public AuditEvent(Long requestId, String actor, String action, String detail, Instant at) {
        this.requestId = requestId;
        this.actor = actor;
        this.action = action;
        this.detail = detail;
        this.at = at;
    }

    public Long requestId() {
        return requestId;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String detail() {
        return detail;
    }

    public Instant at() {
        return at;
    }
}
