package com.lightsailaccess.slack.notify;

import com.lightsailaccess.queue.JobResult;
import java.util.Optional;

/** What a failed Slack call makes of a job's attempt. */
public final class SlackResults {

    private SlackResults() {
    }

    /**
     * A Slack call that can be retried. Slack's 429 names the time to come back (Retry-After), and a post held back
     * by the bot's own pacing waits for its turn: neither is a failure, so neither uses up an attempt. Other
     * trouble (5xx, the network) is retried with backoff and counts.
     */
    public static JobResult retry(SlackCallException e) {
        if (e.retryAfter().isPresent()) {
            return new JobResult.Defer(e.retryAfter().get());
        }
        return new JobResult.Retry(e.getMessage(), e.error(), Optional.empty());
    }
}
