package com.lightsailaccess.model;

import java.time.Instant;
import java.util.Optional;

/** What {@code /lightsail-access status} shows a person about themselves. Never a credential. */
public record RequestStatus(Optional<Latest> latest) {

    public record Latest(long requestId, RequestState state, AccessType accessType, boolean dryRun,
            String iamUserName, String decidedBy, Instant decidedAt, Instant createdAt, String failureReason,
            GrantDuration duration, Optional<Instant> endsAt, String endedHow, Optional<Long> openExtension,
            boolean awaitingReveal) {

        public boolean hasAccess() {
            return state == RequestState.ACTIVE && !dryRun;
        }
    }

    public static RequestStatus none() {
        return new RequestStatus(Optional.empty());
    }
}
