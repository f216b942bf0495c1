package com.lightsailaccess.queue;

/**
 * Does one type of job, the one it declares. {@link #run} may be called more than once for the same job (a retry,
 * or another replica after a crash), so every step it takes must be safe to repeat.
 */
public interface JobHandler<P extends Record> {

    JobType<P> type();

    JobResult run(Job job) throws Exception;

    /** How many attempts before the worker gives up on a job that keeps asking to be retried. */
    default int maxAttempts() {
        return 8;
    }

    /** Called once when the worker gives up after {@link #maxAttempts()}; tell the people concerned. */
    void giveUp(Job job, String reason);
}
