package com.lightsailaccess.slack.notify;

import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Queues {@link Notice}s; the {@link Notify} job sends them, honouring Slack's rate limits. */
@ApplicationScoped
public class Notices {

    private final JobQueue jobs;

    public Notices(JobQueue jobs) {
        this.jobs = jobs;
    }

    /** Within the caller's transaction when there is one, so a notice is queued with the change it tells of. */
    @Transactional
    public void send(Long requestId, Notice notice) {
        jobs.enqueue(Notify.TYPE, requestId, notice.subject(), notice);
    }
}
