package com.lightsailaccess.lifetime;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;

/** An approved extension: the grant's end moves (no credentials are made), and the holder hears the new end. */
@ApplicationScoped
class ApplyExtension implements JobHandler<None> {

    static final JobType<None> TYPE = JobType.of("APPLY_EXTENSION");

    private final LifetimeService lifetimes;
    private final Notices notices;
    private final JobQueue jobs;

    public ApplyExtension(LifetimeService lifetimes, Notices notices, JobQueue jobs) {
        this.jobs = jobs;
        this.lifetimes = lifetimes;
        this.notices = notices;
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        jobs.fenced(job, () -> {
            LifetimeService.Extended outcome = lifetimes.applyExtension(job.requestId());
            if (outcome instanceof LifetimeService.Extended.Moved moved) {
                notices.send(job.requestId(), Notice.toPerson(moved.grant().requesterId(),
                        LifetimeMessages.extendedDm(moved.grant(), job.requestId())));
            } else if (outcome instanceof LifetimeService.Extended.GrantEnded ended) {
                notices.send(job.requestId(), Notice.toPerson(ended.grant().requesterId(),
                        LifetimeMessages.extensionTooLateDm(ended.grant(), job.requestId())));
            }
        });
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
