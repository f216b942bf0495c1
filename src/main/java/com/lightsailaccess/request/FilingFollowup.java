package com.lightsailaccess.request;

import com.lightsailaccess.queue.JobType.None;
import com.lightsailaccess.queue.JobType;

/**
 * A job that filing a request also queues, in the filing's one statement: declared by the feature whose job it is
 * (one this package does not know), so that the request and everything that follows from it commit together.
 */
public interface FilingFollowup {

    /** The job's type. */
    JobType<None> type();

    /** The job's subject is this, followed by the new request's id. */
    String subjectPrefix();

    /**
     * An SQL condition on which the job is queued, about the request's requester (the SQL expression
     * {@code requester}); it may read any table, but takes no parameters.
     */
    String condition(String requester);
}
