package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** Who decided the request (approved, denied or cancelled it) and when. */
@Embeddable
record Decided(
        @Column(name = "decided_by") String by,
        @Column(name = "decided_at") Instant at) {

    /** Not decided yet (Hibernate reads all-null columns as no value at all). */
    static final Decided NONE = new Decided(null, null);

    static Decided of(Decided decided) {
        return decided == null ? NONE : decided;
    }
}
