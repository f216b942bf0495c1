package com.lightsailaccess.reconcile;

import com.lightsailaccess.iam.IamUsers;
import com.lightsailaccess.lifetime.LifetimeService;
import com.lightsailaccess.revoke.Revocation;
import com.lightsailaccess.revoke.RevocationService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Credentials unused for {@code LIGHTSAIL_DORMANT_AFTER}: the holder is asked whether they are still needed, and
 * without an answer within {@code LIGHTSAIL_DORMANT_GRACE} the grant ends. One grant at a time, for
 * {@link Reconcile}.
 */
@ApplicationScoped
class Dormancy {

    /** The actor of a dormant grant's end. */
    static final String DORMANCY = "dormancy";

    private final RevocationService revocations;
    private final LifetimeService lifetimes;
    private final IamUsers users;
    private final Clock clock;

    Dormancy(RevocationService revocations, LifetimeService lifetimes, IamUsers users, Clock clock) {
        this.revocations = revocations;
        this.lifetimes = lifetimes;
        this.users = users;
        this.clock = clock;
    }

    void check(ReconcileService.Held grant, Duration after) {
        Instant now = clock.instant();
        Duration grace = revocations.dormantGrace();
        if (grant.dormantAskedAt() != null) {
            if (!grant.dormantAskedAt().plus(grace).isAfter(now)) {
                revocations.endGrant(grant.id(), DORMANCY, Revocation.Why.DORMANT, Optional.empty());
            }
            return;
        }
        Optional<Instant> used = users.lastUsed(grant.iamUserName());
        Instant lastUse = Stream.of(used.orElse(null), grant.since(), grant.keptAt())
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(Instant.EPOCH);
        if (!lastUse.plus(after).isAfter(now)) {
            ask(grant, used.orElse(Instant.EPOCH), now.plus(grace));
        }
    }

    /** Asks the holder whether the unused credentials are still needed, once, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void ask(ReconcileService.Held grant, Instant lastUsed, Instant answerBy) {
        lifetimes.askIfDormant(grant.id(), grant.holder(), grant.iamUserName(), lastUsed, answerBy);
    }
}
