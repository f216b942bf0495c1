package com.lightsailaccess.decision;

import com.lightsailaccess.model.RequestState;
import java.time.Instant;
import java.util.List;

/** The answer to an admin's click on a request. */
sealed interface Decision {

    /** This click decided; follow-up work is queued. */
    record Made(long requestId, String requesterId, RequestState state) implements Decision {
    }

    /** Someone (or this admin, a moment ago) decided first. */
    record AlreadyDecided(long requestId, RequestState state, String decidedBy, Instant decidedAt)
            implements Decision {
    }

    /** The requester clicked their own request and self-approval is off. */
    record OwnRequest(long requestId) implements Decision {
    }

    /** This admin's approval is counted; more are needed ({@code count} of {@code required}). */
    record Counted(long requestId, int count, int required, List<String> noLongerAdmins) implements Decision {
    }

    /** This admin had approved already: it counts once. */
    record AlreadyCounted(long requestId, int count, int required) implements Decision {
    }

    /** A Retry of a grant whose revocation is queued or running: the revocation wins. */
    record RevocationUnderWay(long requestId) implements Decision {
    }

    record NotFound(long requestId) implements Decision {
    }

    /** The database did not answer in time; nothing changed. */
    record Unavailable() implements Decision {
    }
}
