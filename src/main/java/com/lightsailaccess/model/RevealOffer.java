package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * Reveal once, on a grant: the DM with the Show credentials button ({@code channel}, {@code ts}, sent at
 * {@code offeredAt}), the click that is revealing them now ({@code claimedAt}) and the reveal itself. A value: a
 * change makes a new one.
 */
@Embeddable
record RevealOffer(
        @Column(name = "reveal_offered_at") Instant offeredAt,
        @Column(name = "offer_channel") String channel,
        @Column(name = "offer_ts") String ts,
        @Column(name = "reveal_claimed_at") Instant claimedAt,
        @Column(name = "revealed_at") Instant revealedAt) {

    /** No offer (Hibernate reads a row whose columns are all null as no value at all). */
    static final RevealOffer NONE = new RevealOffer(null, null, null, null, null);

    static RevealOffer of(RevealOffer offer) {
        return offer == null ? NONE : offer;
    }

    /** The offer ends without a reveal: where it was shown, and a reveal that happened, stay. */
    RevealOffer cleared() {
        return new RevealOffer(null, channel, ts, null, revealedAt);
    }

    RevealOffer claimed(Instant at) {
        return new RevealOffer(offeredAt, channel, ts, at, revealedAt);
    }

    RevealOffer revealed(Instant at) {
        return new RevealOffer(offeredAt, channel, ts, claimedAt, at);
    }
}
