package com.lightsailaccess.lifetime;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.revoke.Revocation.RevokeOutcome;
import com.lightsailaccess.revoke.Revocation;
import com.lightsailaccess.revoke.RevocationService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A grant's end (a timer). When it comes, the grant is removed from the group as an expiry: a removal job for the
 * person, which runs after anything of theirs under way (a grant that ends while it is still being provisioned
 * ends right after). An end that was moved by an extension is waited for; a grant made permanent has none.
 */
@ApplicationScoped
class ExpireGrant implements JobHandler<None> {

    static final String ACTOR = "expiry";

    private final RevocationService revocations;
    private final Clock clock;

    public ExpireGrant(RevocationService revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public JobType<None> type() {
        return LifetimeService.EXPIRE;
    }

    @Override
    public JobResult run(Job job) {
        RevokeOutcome outcome = revocations.endGrant(job.requestId(), ACTOR, Revocation.Why.EXPIRED,
                Optional.empty());
        if (outcome instanceof RevokeOutcome.Unavailable) {
            return JobResult.retry("database unavailable");
        }
        if (outcome instanceof RevokeOutcome.NotDue notDue && notDue.endsAt().isPresent()) {
            Instant end = notDue.endsAt().get();
            return new JobResult.Defer(Duration.between(clock.instant(), end).plusMillis(1));
        }
        return JobResult.done();
    }

    /** A timer, or the ledger's own upkeep: only the database or IAM can hold it up, and it must happen in the end. */
    @Override
    public int maxAttempts() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void giveUp(Job job, String reason) {
        // Only the database can fail here, and the job is retried until it answers.
    }
}
