package com.lightsailaccess.access;

import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * What Slack must be shown after a request changed, queued in the same transaction as the change: a change that
 * commits is always shown, and one that rolls back never is. The Slack calls are retried (429 and Retry-After
 * included) by the job queue.
 */
@ApplicationScoped
public class Followups {

    private final JobQueue jobs;
    private final AppHome home;

    public Followups(JobQueue jobs, AppHome home) {
        this.jobs = jobs;
        this.home = home;
    }

    /**
     * The request's approval message shows its state: show the new one. The update reads the state when it runs,
     * so one waiting update per message is enough; updates of one message run one at a time, in order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approvalMessageChanged(long requestId) {
        jobs.enqueueUnlessWaiting(JobKind.UPDATE_APPROVAL_MESSAGE, requestId, "approval-message:" + requestId,
                null);
        home.changed(requestId);
    }

    /** A request was filed: the Home tabs that show it (its requester's, the admins') are published again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestFiled(long requestId) {
        home.changed(requestId);
    }
}
