package com.lightsailaccess.model;

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

    /** The subject of the Home tab's fan-out job for one request (one waiting per request). */
    public static final String HOME_CHANGED_SUBJECT = "home-changed:";
    private final JobQueue jobs;
    private final HomeViewers viewers;

    public Followups(JobQueue jobs, HomeViewers viewers) {
        this.jobs = jobs;
        this.viewers = viewers;
    }

    /**
     * The request's approval message shows its state: show the new one. The update reads the state when it runs,
     * so one waiting update per message is enough; updates of one message run one at a time, in order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approvalMessageChanged(long requestId) {
        jobs.enqueueUnlessWaiting(JobKind.UPDATE_APPROVAL_MESSAGE, requestId, "approval-message:" + requestId,
                null);
        homeChanged(requestId);
    }

    /** A request was filed: the Home tabs that show it (its requester's, the admins') are published again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requestFiled(long requestId) {
        homeChanged(requestId);
    }

    /**
     * A request changed (filed, decided, provisioned, ended): the Home tabs that show it are published again, after
     * the change commits. Nothing is queued when nobody who could see it has opened the tab.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void homeChanged(long requestId) {
        if (viewers.anyOf(requestId)) {
            jobs.enqueueUnlessWaiting(JobKind.HOME_CHANGED, requestId, HOME_CHANGED_SUBJECT + requestId, null);
        }
    }
}
