package com.lightsailaccess.queue;

/**
 * This worker no longer holds the job: its lease could not be renewed in time, or another worker claimed the job.
 * The attempt stops before its next side effect, and nothing it would have written is kept.
 */
public class LeaseLostException extends RuntimeException {

    LeaseLostException(Job job) {
        super(job + " is no longer held by this worker");
    }
}
