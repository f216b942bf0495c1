package com.lightsailaccess.revoke;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.util.List;

/**
 * What a revocation does in IAM, and who asked: the payload of its job.
 * <ul>
 * <li>{@code REMOVE}: out of the Lightsail group; the user and its credentials stay (left the team).</li>
 * <li>{@code DELETE}: the IAM user and everything on it (left the company).</li>
 * <li>{@code WITHDRAW}: a grant cancelled after it failed: the credentials it made and its group membership go;
 * the user stays.</li>
 * </ul>
 * Other features read a revocation in revoke's words from here: who revoked, and how a grant ended by itself (the
 * approval message shows both).
 */
public record Revocation(Mode mode, String actor, Why why) {

    /** Its job: {@link RevokeAccess} does it; other features ask for it and look for it by this type. */
    public static final JobType<Revocation> TYPE = JobType.of("REVOKE", Revocation.class);

    /** The actors a departure records: what Slack said of the account. */
    static final String DEACTIVATED = "slack-deactivation";
    static final String GUEST = "slack-guest";
    static final String STRANGER = "slack-stranger";

    public enum Mode {
        REMOVE, DELETE, WITHDRAW
    }

    /** Why access is taken away: an admin, a departure, or the grant's own end. */
    public enum Why {
        ADMIN, DEPARTURE, EXPIRED, GIVEN_BACK, DORMANT, CANCELLED;

        /** How the grant ended, recorded with it; null when an admin revoked it. */
        String endedHow() {
            return switch (this) {
                case EXPIRED -> "expired";
                case GIVEN_BACK -> "given back";
                case DORMANT -> "unused";
                default -> null;
            };
        }
    }

    public Revocation(Mode mode, String actor) {
        this(mode, actor, Why.ADMIN);
    }

    /** Older payloads carry no reason: an admin asked. */
    @Override
    public Why why() {
        return why == null ? Why.ADMIN : why;
    }

    /** One open job per grant and mode. */
    public static String dedupKey(long requestId, Mode mode) {
        return "revoke:" + requestId + ":" + mode.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether {@code actor} is a departure's (Slack's word on the account), not a person's. */
    public static boolean isDeparture(String actor) {
        return DEACTIVATED.equals(actor) || GUEST.equals(actor) || STRANGER.equals(actor);
    }

    /** Who revoked, as people read it: an admin's mention, or what Slack said of a departed account. */
    public static String actorText(String actor) {
        if (actor != null && actor.matches("[UW][A-Z0-9]+")) {
            return Mrkdwn.user(actor);
        }
        return switch (actor == null ? "" : actor) {
            case GUEST -> "Slack (account now a guest)";
            case STRANGER -> "Slack (account no longer of this organisation)";
            default -> "Slack (account deactivated)";
        };
    }

    /** On the approval message of a grant that ended by itself. */
    public static String endedOutcome(AccessRequest grant) {
        return ":lock: Access ended: " + how(grant) + " · removed from the Lightsail group; IAM user `"
                + Mrkdwn.escape(grant.iamUserName()) + "` kept";
    }

    /** How a grant that ended by itself ended, as people read it (after "has ended: "). */
    static String how(AccessRequest grant) {
        return switch (grant.endedHow() == null ? "" : grant.endedHow()) {
            case "expired" -> "its time was up";
            case "given back" -> "it was given back";
            case "unused" -> "its credentials went unused and nobody said they were still needed";
            default -> "it was revoked";
        };
    }

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
}
