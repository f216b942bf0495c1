package com.lightsailaccess.model;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * What must follow a change of a request, said in the same transaction as the change: the features that show a request
 * (its approval message, the Home tabs), provision a grant, time it (its end, its reminder) or tell its requester
 * observe these events synchronously and queue their jobs in that transaction, so a change that commits is always
 * followed, and one that rolls back never is. The model knows none of those features; they know the model.
 */
@ApplicationScoped
public class Followups {

    /** A request changed. {@code approvalMessage}: its approval message shows what changed. */
    public record Changed(long requestId, boolean approvalMessage) {
    }

    /** Admins approved a request (a grant or an extension of one): what approval starts follows. */
    public record Approved(AccessRequest request) {
    }

    /** A request ended before any access was given (denied, cancelled): its requester is told. */
    public record Closed(long requestId, String requesterId) {
    }

    /** A grant is to be provisioned: admins approved it, or one retried it after a failure. */
    public record ProvisioningDue(long requestId, String requesterId) {
    }

    /** A grant's end was set anew (a change of level): its timers follow the new end. */
    public record EndMoved(AccessRequest grant) {
    }

    private final Event<Changed> changed;
    private final Event<Approved> approved;
    private final Event<Closed> closed;
    private final Event<ProvisioningDue> provisioning;
    private final Event<EndMoved> endMoved;

    public Followups(Event<Changed> changed, Event<Approved> approved, Event<Closed> closed,
            Event<ProvisioningDue> provisioning, Event<EndMoved> endMoved) {
        this.endMoved = endMoved;
        this.changed = changed;
        this.approved = approved;
        this.closed = closed;
        this.provisioning = provisioning;
    }

    /**
     * The request's approval message shows its state: show the new one; the Home tabs that show the request too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approvalMessageChanged(long requestId) {
        changed.fire(new Changed(requestId, true));
    }

    /**
     * A request changed (filed, decided, provisioned, ended) in a way its approval message does not show: the Home
     * tabs that show it are published again, after the change commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void homeChanged(long requestId) {
        changed.fire(new Changed(requestId, false));
    }

    /** The grant is to be provisioned (approved, or retried): its provisioning follows once this commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void provisioningDue(AccessRequest grant) {
        provisioning.fire(new ProvisioningDue(grant.id(), grant.requesterId()));
    }

    /** The request was approved: {@code request} is locked, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approved(AccessRequest request) {
        approved.fire(new Approved(request));
    }

    /** The grant's end was set anew, earlier or later: {@code grant} is locked, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endMoved(AccessRequest grant) {
        endMoved.fire(new EndMoved(grant));
    }

    /** The request ended before any access was given: its requester hears why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closed(long requestId, String requesterId) {
        closed.fire(new Closed(requestId, requesterId));
    }
}
