package com.lightsailaccess.revoke;

import com.lightsailaccess.queue.JobType;

/**
 * What a revocation does in IAM, and who asked: the payload of its job.
 * <ul>
 * <li>{@code REMOVE}: out of the Lightsail group; the user and its credentials stay (left the team).</li>
 * <li>{@code DELETE}: the IAM user and everything on it (left the company).</li>
 * <li>{@code WITHDRAW}: a grant cancelled after it failed: the credentials it made and its group membership go;
 * the user stays.</li>
 * </ul>
 */
public record Revocation(Mode mode, String actor, Why why) {

    /** Its job: {@link RevokeAccess} does it; other features ask for it and look for it by this type. */
    public static final JobType<Revocation> TYPE = JobType.of("REVOKE", Revocation.class);

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
}
