package com.lightsailaccess.grant;

import com.lightsailaccess.model.AccessRequest;
import java.time.Instant;

/**
 * The payload of the timer that ends a reveal window: the offer it was set for (its time, ISO-8601). An offer made
 * again after a Retry has a window of its own; the old timer finds another offer and does nothing.
 */
record RevealWindow(String offeredAt) {

    static RevealWindow of(Instant offeredAt) {
        return new RevealWindow(offeredAt.toString());
    }

    boolean isFor(AccessRequest grant) {
        return grant.revealOfferedAt().map(at -> at.equals(Instant.parse(offeredAt))).orElse(false);
    }
}
