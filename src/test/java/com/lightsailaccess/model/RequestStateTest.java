package com.lightsailaccess.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.model.RequestState.IllegalTransitionException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestStateTest {

    private static final Set<String> ALLOWED = Set.of(
            "PENDING>APPROVED", "PENDING>DENIED", "PENDING>CANCELLED",
            "APPROVED>PROVISIONING",
            "PROVISIONING>ACTIVE", "PROVISIONING>FAILED", "PROVISIONING>CANCELLED",
            "FAILED>PROVISIONING", "FAILED>CANCELLED",
            "ACTIVE>REVOKED");

    @Test
    void exactlyTheDocumentedMovesAreAllowed() {
        for (RequestState from : RequestState.values()) {
            for (RequestState to : RequestState.values()) {
                assertEquals(ALLOWED.contains(from + ">" + to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void openStatesBlockASecondRequest() {
        assertEquals(EnumSet.of(RequestState.PENDING, RequestState.APPROVED, RequestState.PROVISIONING,
                RequestState.FAILED), RequestState.OPEN);
        assertFalse(RequestState.REVOKED.isOpen());
        assertTrue(RequestState.FAILED.isOpen());
    }

    @Test
    void entityRefusesIllegalMoves() {
        AccessRequest r = AccessRequest.file(new Requester("U1", "T1", null), AccessType.CONSOLE,
                GrantDuration.PERMANENT, "why", null, Instant.EPOCH);
        assertThrows(IllegalTransitionException.class, () -> r.moveTo(RequestState.ACTIVE, Instant.EPOCH));
        r.moveTo(RequestState.APPROVED, Instant.EPOCH);
        assertThrows(IllegalTransitionException.class, () -> r.moveTo(RequestState.DENIED, Instant.EPOCH));
        assertEquals(RequestState.APPROVED, r.state());
    }
}
