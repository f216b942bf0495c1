package com.lightsailaccess.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The life of an access request, in one place. {@link #canMoveTo} is the whole state machine; the entity refuses
 * any other move.
 * <pre>
 * pending → approved → provisioning → active → revoked
 *                       provisioning → failed → provisioning (Retry) | cancelled (Cancel)
 *                       provisioning → cancelled (reveal once: not revealed in time, or revoked before)
 * pending → denied | cancelled
 * </pre>
 */
public enum RequestState {
    PENDING,
    APPROVED,
    PROVISIONING,
    ACTIVE,
    FAILED,
    DENIED,
    CANCELLED,
    REVOKED;

    /** States that block a new request from the same person (the database enforces the same set). */
    public static final Set<RequestState> OPEN = EnumSet.of(PENDING, APPROVED, PROVISIONING, FAILED);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    public boolean isFinal() {
        return this == DENIED || this == CANCELLED || this == REVOKED;
    }

    public boolean canMoveTo(RequestState next) {
        return switch (this) {
            case PENDING -> next == APPROVED || next == DENIED || next == CANCELLED;
            case APPROVED -> next == PROVISIONING;
            case PROVISIONING -> next == ACTIVE || next == FAILED || next == CANCELLED;
            case FAILED -> next == PROVISIONING || next == CANCELLED;
            case ACTIVE -> next == REVOKED;
            case DENIED, CANCELLED, REVOKED -> false;
        };
    }

    /** The lower-case name stored in the database and shown to people. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A request was asked to move between two states that the state machine does not connect. */
    public static class IllegalTransitionException extends IllegalStateException {

        public IllegalTransitionException(long requestId, RequestState from, RequestState to) {
            super("request #" + requestId + " cannot go from " + from.word() + " to " + to.word());
        }
    }
}
