package com.lightsailaccess.grant;

import com.lightsailaccess.model.Followups;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Queues a grant's provisioning when it is due (approved, or retried by an admin), in the transaction that made it
 * due: the decision knows nothing of how a grant is provisioned.
 */
@ApplicationScoped
class ProvisionWhenDue {

    private final JobQueue jobs;

    ProvisionWhenDue(JobQueue jobs) {
        this.jobs = jobs;
    }

    void onDue(@Observes Followups.ProvisioningDue due) {
        jobs.enqueue(ProvisionAccess.TYPE, due.requestId(), due.requesterId(), null);
    }
}
