package com.lightsailaccess.queue;

import com.lightsailaccess.queue.JobHandler.JobType;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** What a {@link JobHandler} made of one attempt. */
    sealed interface JobResult {

        /** Finished; the job is closed. */
        record Done() implements JobResult {
        }

        /**
         * Not now (throttled, a 5xx, the network): try again later, after {@code after} when the other side named a
         * time, else after the worker's backoff. {@code reason} is shown to admins if the job gives up;
         * {@code code} is the other side's error code (for the log line and the failure metric's label).
         */
        record Retry(String reason, String code, Optional<Duration> after) implements JobResult {
        }

        /**
         * Not yet, and not a failure: Slack answered 429 with a Retry-After, or the bot's own pacing (about one message
         * a second per channel) holds the post back. The job runs again then; this does not count as an attempt.
         */
        record Defer(Duration after) implements JobResult {
        }

        /** Will never work as it is; the handler has already told the people concerned. */
        record Failed(String reason, String code) implements JobResult {
        }

        static JobResult done() {
            return new Done();
        }

        static JobResult retry(String reason) {
            return new Retry(reason, codeOf(reason), Optional.empty());
        }

        static JobResult failed(String reason) {
            return new Failed(reason, codeOf(reason));
        }

        /**
         * The error code in a reason of the form {@code <call> failed: <code>}, which is how the Slack and IAM
         * failures word their messages ({@code chat.postMessage failed: io_error} gives {@code io_error},
         * {@code CreateUser failed: network error (…)} gives {@code network_error}); {@code other} for anything else,
         * so that the metric's label takes few values.
         */
        static String codeOf(String reason) {
            int at = reason == null ? -1 : reason.lastIndexOf(" failed: ");
            if (at < 0) {
                return "other";
            }
            String code = reason.substring(at + " failed: ".length());
            int paren = code.indexOf(" (");
            code = (paren < 0 ? code : code.substring(0, paren)).trim().replaceAll("[^A-Za-z0-9_.-]+", "_");
            return code.isEmpty() || code.length() > 64 ? "other" : code;
        }
    }

    /**
     * A kind of durable work, declared by the feature that does it, next to its handler, with the record its jobs
     * carry. The queue keeps the name in the job row's {@code kind} column and knows nothing else about the work: there
     * is no list of every kind here, and a feature that asks another one for work uses that feature's type.
     *
     * @param name the job row's {@code kind}, upper case (the names the database already holds)
     * @param payload the record a job of this type carries as JSON; {@link None} for a type whose jobs carry nothing
     */
    record JobType<P extends Record>(String name, Class<P> payload) {

        private static final Pattern NAME = Pattern.compile("[A-Z][A-Z_]*");

        public JobType {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a job type's name is upper case words joined by '_': " + name);
            }
            if (payload == null) {
                throw new IllegalArgumentException("a job type needs its payload's record type (None for none)");
            }
        }

        /** A type whose jobs carry no payload: what they work on is the request and the subject. */
        public static JobType<None> of(String name) {
            return new JobType<>(name, None.class);
        }

        public static <P extends Record> JobType<P> of(String name, Class<P> payload) {
            return new JobType<>(name, payload);
        }

        @Override
        public String toString() {
            return name;
        }

        /** The payload of a type whose jobs carry none: such jobs are queued with {@code null}, as they always were. */
        public record None() {
        }
    }
}
