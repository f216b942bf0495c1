package com.lightsailaccess.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A request's time, as it shows it: read from its {@link GrantTerm}. {@link AccessRequest} implements it so that
 * callers keep asking the request, while the reading of the term stays with the term.
 */
interface GrantTimes {

    /** The request's term; one whose every part is null for a permanent grant that nothing happened to yet. */
    GrantTerm term();

    default GrantDuration duration() {
        return GrantDuration.ofSeconds(term().durationSeconds());
    }

    /** The grant's end; empty when it has none (permanent, or not approved yet). */
    default Optional<Instant> endsAt() {
        return Optional.ofNullable(term().endsAt());
    }

    default String endedHow() {
        return term().endedHow();
    }

    default Instant remindedFor() {
        return term().remindedFor();
    }

    default Instant dormantAskedAt() {
        return term().dormantAskedAt();
    }
}
