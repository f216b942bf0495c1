package com.lightsailaccess.grant;

import java.time.Instant;

/**
 * The payload of a reveal job: the modal that the click opened (its view id), and the claim it belongs to (its
 * time, ISO-8601). Never a secret: the credentials exist only while the job shows them.
 */
record RevealView(String viewId, String claim) {

    static RevealView of(String viewId, Instant claimedAt) {
        return new RevealView(viewId, claimedAt.toString());
    }

    public Instant claimedAt() {
        return Instant.parse(claim);
    }
}
