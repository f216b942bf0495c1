package com.lightsailaccess.model;

import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
    /**
     * Whose Home tab shows a request: every admin's, and its requester's (of those who opened the tab).
     * {@link RequestFiling} applies the same rule to a request it is filing, in its own SQL.
     */
    public static final String VIEWERS_OF_REQUEST = "from home_viewer h where h.is_admin "
            + "or h.user_id = (select r.requester_id from access_request r where r.id = :request)";

    private final JobQueue jobs;
    private final EntityManager em;

    public Followups(JobQueue jobs, EntityManager em) {
        this.jobs = jobs;
        this.em = em;
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
        boolean anyone = (Boolean) em.createNativeQuery("select exists (select 1 " + VIEWERS_OF_REQUEST + ")")
                .setParameter("request", requestId).getSingleResult();
        if (anyone) {
            jobs.enqueueUnlessWaiting(JobKind.HOME_CHANGED, requestId, HOME_CHANGED_SUBJECT + requestId, null);
        }
    }
}
