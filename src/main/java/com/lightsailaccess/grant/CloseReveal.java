package com.lightsailaccess.grant;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;

/**
 * A timer: the end of a Show credentials button's window. An offer nobody revealed closes, nothing having been
 * created; the requester's DM loses its button and the approval channel is told, in the same transaction.
 */
@ApplicationScoped
class CloseReveal implements JobHandler<RevealWindow> {

    static final JobType<RevealWindow> TYPE = JobType.of("CLOSE_REVEAL", RevealWindow.class);

    /** How long to wait for a reveal that is under way at the window's end before looking again. */
    static final Duration REVEALING_WAIT = Duration.ofSeconds(30);

    private final Reveals reveals;
    private final Notices notices;
    private final Clock clock;

    CloseReveal(Reveals reveals, Notices notices, Clock clock) {
        this.reveals = reveals;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public JobType<RevealWindow> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        Reveals.WindowEnd end = close(job.requestId(), job.payload(TYPE));
        return switch (end.outcome()) {
            case NOT_DUE -> new JobResult.Defer(Duration.between(clock.instant(), end.deadline()).plusMillis(1));
            case REVEALING -> new JobResult.Defer(REVEALING_WAIT);
            case CLOSED, NOTHING -> JobResult.done();
        };
    }

    /** Closes an offer not revealed in time, and tells its holder and the admins: committed together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Reveals.WindowEnd close(long requestId, RevealWindow window) {
        Reveals.WindowEnd found = reveals.closeUnrevealed(requestId, window);
        if (found.outcome() == Reveals.Outcome.CLOSED) {
            long id = found.grant().id();
            notices.send(id, Notice.update(found.grant().offerChannel(), found.grant().offerTs(),
                    RevealMessages.expiredFallback(id), RevealMessages.expired(id, reveals.within())));
            notices.send(id, Notice.toApprovalChannel(RevealMessages.expiredNotice(id,
                    found.grant().requesterId(), reveals.within())));
        }
        return found;
    }

    /** A timer: only the database can hold it up, and it must happen in the end. */
    @Override
    public int maxAttempts() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void giveUp(Job job, String reason) {
        // Retried until the database answers.
    }
}
