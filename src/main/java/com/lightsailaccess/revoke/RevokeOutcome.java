package com.lightsailaccess.revoke;

import java.util.List;

/** The answer to {@code /lightsail-revoke} (or a Delete button) on the ack path; the IAM work follows in a job. */
public sealed interface RevokeOutcome {

    /** A revocation job is queued; {@code afterRemoval}: a deletion that waits for a removal under way. */
    record Queued(long requestId, String requesterId, String iamUserName, boolean delete, boolean afterRemoval)
            implements RevokeOutcome {
    }

    /** A pending request was cancelled: nothing existed in IAM yet. */
    record PendingCancelled(long requestId, String requesterId) implements RevokeOutcome {
    }

    /** Already revoked (and, for delete, already deleted). */
    record AlreadyDone(long requestId, String iamUserName, boolean deleted) implements RevokeOutcome {
    }

    /** The same revocation of this grant is already queued or running. */
    record InProgress(long requestId, boolean delete) implements RevokeOutcome {
    }

    /** A button from an older grant: its IAM user now belongs to a later grant, which this must not touch. */
    record Stale(long requestId, long laterRequestId, String iamUserName) implements RevokeOutcome {
    }

    /** Several grants (one per IAM user the bot made for the person) were acted on. */
    record Many(List<RevokeOutcome> outcomes) implements RevokeOutcome {
    }

    /**
     * The bot has no grant on record for this person ({@code slackUserId}) or IAM user name: it touches nothing it
     * did not create.
     */
    record NothingKnown(String slackUserId, String iamUserName) implements RevokeOutcome {
    }

    /** A Give back (or Keep) clicked by someone who does not hold the grant. */
    record NotYours(long requestId) implements RevokeOutcome {
    }

    /** A grant's end that has not come yet (it was extended): nothing to do now. */
    record NotDue(long requestId, java.util.Optional<java.time.Instant> endsAt) implements RevokeOutcome {
    }

    record Unavailable() implements RevokeOutcome {
    }
}
