package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * A grant's time: how long it was asked for ({@code durationSeconds}, null for permanent), when it ends, how it
 * ended, the end its reminder was sent for, and the dormancy question (asked, or answered "still needed"). A value:
 * a change makes a new one.
 */
@Embeddable
record GrantTerm(
        @Column(name = "duration_seconds") Long durationSeconds,
        @Column(name = "ends_at") Instant endsAt,
        @Column(name = "ended_how") String endedHow,
        @Column(name = "reminded_for") Instant remindedFor,
        @Column(name = "dormant_asked_at") Instant dormantAskedAt,
        @Column(name = "kept_at") Instant keptAt) {

    /** Permanent, and nothing happened yet (Hibernate reads all-null columns as no value at all). */
    static final GrantTerm NONE = new GrantTerm(null, null, null, null, null, null);

    static GrantTerm of(GrantTerm term) {
        return term == null ? NONE : term;
    }

    static GrantTerm asked(GrantDuration duration) {
        return new GrantTerm(duration.seconds(), null, null, null, null, null);
    }

    GrantTerm endingAt(Instant end) {
        return new GrantTerm(durationSeconds, end, endedHow, remindedFor, dormantAskedAt, keptAt);
    }

    /** Another duration from now on (a change of level): its reminder is still to come. */
    GrantTerm restarted(GrantDuration duration, Instant end) {
        return new GrantTerm(duration.seconds(), end, endedHow, null, dormantAskedAt, keptAt);
    }

    GrantTerm ended(String how) {
        return new GrantTerm(durationSeconds, endsAt, how, remindedFor, dormantAskedAt, keptAt);
    }

    GrantTerm reminded(Instant forEnd) {
        return new GrantTerm(durationSeconds, endsAt, endedHow, forEnd, dormantAskedAt, keptAt);
    }

    GrantTerm dormantAsked(Instant at) {
        return new GrantTerm(durationSeconds, endsAt, endedHow, remindedFor, at, keptAt);
    }

    /** "Still needed": the dormancy clock starts again. */
    GrantTerm kept(Instant at) {
        return new GrantTerm(durationSeconds, endsAt, endedHow, remindedFor, null, at);
    }
}
