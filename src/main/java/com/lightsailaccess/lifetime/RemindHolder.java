package com.lightsailaccess.lifetime;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one reminder before a grant's end (a timer): a DM with Extend and Give back. Sent once per end, whatever
 * the number of replicas or restarts; an extension that moves the end brings a new reminder before the new end.
 */
@ApplicationScoped
class RemindHolder implements JobHandler<None> {

    static final JobType<None> TYPE = JobType.of("REMIND");

    private final LifetimeService lifetimes;
    private final AccessRequestService requests;
    private final Notices notices;
    private final ExpiryReminder reminder;
    private final Clock clock;
    private final JobQueue jobs;

    public RemindHolder(LifetimeService lifetimes, AccessRequestService requests,
            Notices notices, ExpiryReminder reminder, Clock clock, JobQueue jobs) {
        this.jobs = jobs;
        this.lifetimes = lifetimes;
        this.requests = requests;
        this.notices = notices;
        this.reminder = reminder;
        this.clock = clock;
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        Optional<JobResult> notYet = notYet(job);
        if (notYet.isPresent()) {
            return notYet.get();
        }
        boolean sent = jobs.fencedCall(job, () -> lifetimes.remind(job.requestId(), reminder.before())
                .map(reminded -> {
                    notices.send(reminded.id(), Notice.toPerson(reminded.requesterId(),
                            LifetimeMessages.reminderFallback(reminded), LifetimeMessages.reminder(reminded)));
                    return true;
                }).orElse(false));
        // Not sent: the grant ended or was reminded already, or its end moved later meanwhile (then wait again).
        return sent ? JobResult.done() : notYet(job).orElse(JobResult.done());
    }

    /** Deferred to the reminder's time when that is still to come; empty when it is due, or there is none. */
    private Optional<JobResult> notYet(Job job) {
        Optional<AccessRequest> grant = requests.find(job.requestId());
        if (grant.isEmpty() || grant.get().endsAt().isEmpty()) {
            return Optional.of(JobResult.done());
        }
        Instant remindAt = grant.get().endsAt().get().minus(reminder.before());
        if (remindAt.isAfter(clock.instant())) {
            return Optional.of(new JobResult.Defer(Duration.between(clock.instant(), remindAt).plusMillis(1)));
        }
        return Optional.empty();
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
