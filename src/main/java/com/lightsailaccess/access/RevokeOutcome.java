package com.lightsailaccess.access;

/** The answer to {@code /lightsail-revoke} on the ack path; the IAM work follows in a job. */
public sealed interface RevokeOutcome {

    /** A revocation job is queued. */
    record Queued(long requestId, String requesterId, String iamUserName, boolean delete) implements RevokeOutcome {
    }

    /** A pending request was cancelled: nothing existed in IAM yet. */
    record PendingCancelled(long requestId, String requesterId) implements RevokeOutcome {
    }

    /** Already revoked (and, for delete, already deleted). */
    record AlreadyDone(long requestId, String iamUserName, boolean deleted) implements RevokeOutcome {
    }

    /** A revocation of this grant is already queued or running. */
    record InProgress(long requestId) implements RevokeOutcome {
    }

    /** The bot has no grant on record for this person or IAM user name: it touches nothing it did not create. */
    record NothingKnown(String target) implements RevokeOutcome {
    }

    record Unavailable() implements RevokeOutcome {
    }
}
