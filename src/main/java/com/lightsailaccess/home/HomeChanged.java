package com.lightsailaccess.home;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobResult;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A request changed: its requester's Home tab and the admins' are published again. Fanned out here, after the change
 * committed, so that the change's own transaction never waits for a lock on somebody else's publish.
 */
@ApplicationScoped
class HomeChanged implements JobHandler {

    private static final Logger LOG = Logger.getLogger(HomeChanged.class);

    private final AppHome home;

    public HomeChanged(AppHome home) {
        this.home = home;
    }

    @Override
    public JobKind kind() {
        return JobKind.HOME_CHANGED;
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
