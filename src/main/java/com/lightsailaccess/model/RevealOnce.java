package com.lightsailaccess.model;

import java.time.Instant;
import java.util.Optional;

/**
 * Reveal once, as a request shows it: read from its {@link RevealOffer}. {@link AccessRequest} implements it so that
 * callers keep asking the request, while the reading of the offer stays with the offer.
 */
interface RevealOnce {

    /** The request's offer; one whose every part is null when there never was one. */
    RevealOffer revealOffer();

    RequestState state();

    /** The requester has a Show credentials button that has not been used yet. */
    default boolean awaitingReveal() {
        return state() == RequestState.PROVISIONING && revealOffer().offeredAt() != null
                && revealOffer().revealedAt() == null;
    }

    default Optional<Instant> revealOfferedAt() {
        return Optional.ofNullable(revealOffer().offeredAt());
    }

    default String offerChannel() {
        return revealOffer().channel();
    }

    default String offerTs() {
        return revealOffer().ts();
    }

    default Instant revealClaimedAt() {
        return revealOffer().claimedAt();
    }

    default Instant revealedAt() {
        return revealOffer().revealedAt();
    }
}
