package com.lightsailaccess.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lightsailaccess.queue.JobHandler.JobResult;
import org.junit.jupiter.api.Test;

/** The error code that the failure log lines and the failure metric's {@code error} label carry. */
class JobResultTest {

    @Test
    void theCodeIsTheOtherSidesErrorCode() {
        assertEquals("io_error", JobResult.codeOf("chat.postMessage failed: io_error"));
        assertEquals("ServiceFailure", JobResult.codeOf("CreateUser failed: ServiceFailure"));
        assertEquals("network_error", JobResult.codeOf("CreateUser failed: network error (SocketTimeoutException)"));
        assertEquals("HTTP_503", JobResult.codeOf("GetUser failed: HTTP 503"));
    }

    @Test
    void anythingElseIsOneBucket() {
        assertEquals("other", JobResult.codeOf("database unavailable"));
        assertEquals("other", JobResult.codeOf(null));
        assertEquals("other", JobResult.codeOf("x failed: " + "a".repeat(80)));
        assertEquals("other", ((JobResult.Failed) JobResult.failed("IAM user x was not created by the bot")).code());
    }
}
