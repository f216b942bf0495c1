package com.lightsailaccess.home;

import com.lightsailaccess.model.Followups;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.request.Filing.FilingFollowup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A request changed: its requester's Home tab and the admins' are published again. Fanned out here, after the change
 * committed, so that the change's own transaction never waits for a lock on somebody else's publish.
 */
@ApplicationScoped
class HomeChanged implements JobHandler<None>, FilingFollowup {

    static final JobType<None> TYPE = JobType.of("HOME_CHANGED");
    /** One waiting fan-out per request. */
    private static final String SUBJECT = "home-changed:";

    private static final Logger LOG = Logger.getLogger(HomeChanged.class);

    private final AppHome home;
    private final HomeViewers viewers;
    private final JobQueue jobs;

    public HomeChanged(AppHome home, HomeViewers viewers, JobQueue jobs) {
        this.home = home;
        this.viewers = viewers;
        this.jobs = jobs;
    }

    /**
     * A request changed (filed, decided, provisioned, ended): the Home tabs that show it are published again, after
     * the change commits. Nothing is queued when nobody who could see it has opened the tab.
     */
    void onChanged(@Observes @Priority(2) Followups.Changed changed) {
        if (viewers.anyOf(changed.requestId())) {
            jobs.enqueueUnlessWaiting(TYPE, changed.requestId(), SUBJECT + changed.requestId(), null);
        }
    }

    @Override
    public String subjectPrefix() {
        return SUBJECT;
    }

    /** The same rule as {@link #onChanged}, for a request that is being filed. */
    @Override
    public String condition(String requester) {
        return HomeViewers.seenBy(requester);
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        home.fanOut(job.requestId());
        return JobResult.done();
    }

    @Override
    public void giveUp(Job job, String reason) {
        LOG.warnf("Gave up refreshing the Home tabs about request #%d: %s", job.requestId(), reason);
    }
}
