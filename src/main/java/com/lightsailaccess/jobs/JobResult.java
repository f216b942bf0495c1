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

    /**
     * Not yet, and not a failure: Slack answered 429 with a Retry-After, or the bot's own pacing (about one message
     * a second per channel) holds the post back. The job runs again then; this does not count as an attempt.
     */
    record Defer(Duration after) implements JobResult {
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

    /**
     * A Slack call that can be retried. Slack's 429 names the time to come back (Retry-After), and a post held back
     * by the bot's own pacing waits for its turn: neither is a failure, so neither uses up an attempt. Other
     * trouble (5xx, the network) is retried with backoff and counts.
     */
    static JobResult retryAfterSlack(SlackCallException e) {
        if (e.retryAfter().isPresent()) {
            return new Defer(e.retryAfter().get());
        }
        return new Retry(e.getMessage(), Optional.empty());
    }

    static JobResult failed(String reason) {
        return new Failed(reason);
    }
}
