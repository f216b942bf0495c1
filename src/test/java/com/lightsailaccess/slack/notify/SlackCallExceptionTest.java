package com.lightsailaccess.slack.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lightsailaccess.queue.JobHandler.JobResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failed Slack call: retried with its error code, or deferred to Slack's Retry-After without using an attempt. */
class SlackCallExceptionTest {

    @Test
    void aSlackErrorIsRetriedWithItsCodeAndA429IsDeferred() {
        JobResult.Retry slack = (JobResult.Retry) new SlackCallException("chat.update", "internal_error", true,
                null).retryResult();
        assertEquals("internal_error", slack.code());
        // A 429's Retry-After is not a failure: the job is deferred, with no code to count.
        assertEquals(new JobResult.Defer(Duration.ofSeconds(3)), new SlackCallException(
                "chat.update", "ratelimited", true, Duration.ofSeconds(3)).retryResult());
    }
}
