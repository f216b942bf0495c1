package com.lightsailaccess.jobs;

import com.lightsailaccess.slack.notify.SlackCallException;
import java.time.Duration;
import java.util.Optional;

/** What a {@link JobHandler} made of one attempt. */
public sealed interface JobResult {

    /** Finished; the job is closed. */
    record Done() implements JobResult {
    }

    /**
     * Not now (throttled, a 5xx, Slack's Retry-After): try again later, after {@code after} when the other side
     * named a time, else after the worker's backoff. {@code reason} is shown to admins if the job gives up.
     */
    record Retry(String reason, Optional<Duration> after) implements JobResult {
    }

    /** Will never work as it is; the handler has already told the people concerned. */
    record Failed(String reason) implements JobResult {
    }

    static JobResult done() {
        return new Done();
    }

    static JobResult retry(String reason) {
        return new Retry(reason, Optional.empty());
    }

    /** A Slack call that can be retried: honour Slack's Retry-After when it sent one. */
    static JobResult retryAfterSlack(SlackCallException e) {
        return new Retry(e.getMessage(), e.retryAfter());
    }

    static JobResult failed(String reason) {
        return new Failed(reason);
    }
}
