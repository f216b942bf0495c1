package com.lightsailaccess.slack.notify;

import com.lightsailaccess.queue.JobHandler.JobResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Web API call did not succeed. {@code transientFailure} says whether trying again later can help (429, 5xx,
 * network trouble); {@code retryAfter} is Slack's own Retry-After when it sent one. The message holds the method,
 * Slack's error code and what it means for an operator (the host that could not be reached and why, or that the token
 * was refused), never a token, a URL's path or a message body.
 */
public class SlackCallException extends Exception {

    static final String PACED = "paced_by_the_bot";
    /** What Slack answers when the bot token itself is not accepted [docs.slack.dev/reference/methods/auth.test]. */
    static final Set<String> TOKEN_REFUSED = Set.of("invalid_auth", "not_authed",
            "token_revoked", "token_expired", "account_inactive");

    private final String method;
    private final String error;
    private final boolean transientFailure;
    private final Duration retryAfter;

    public SlackCallException(String method, String error, boolean transientFailure, Duration retryAfter) {
        this(method, error, TOKEN_REFUSED.contains(error) ? "Slack refused SLACK_BOT_TOKEN" : null, transientFailure,
                retryAfter);
    }

    /** With {@code detail}: what an operator needs to know, shown in brackets after the error code. */
    SlackCallException(String method, String error, String detail, boolean transientFailure, Duration retryAfter) {
        super(method + " failed: " + error + (detail == null ? "" : " (" + detail + ")"));
        this.method = method;
        this.error = error;
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public String method() {
        return method;
    }

    public String error() {
        return error;
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Slack did not accept the bot token: nothing will work until an operator fixes {@code SLACK_BOT_TOKEN}. */
    public boolean tokenRefused() {
        return TOKEN_REFUSED.contains(error);
    }

    /** Not sent at all: the bot's own pacing held it back until {@link #retryAfter()}. */
    public boolean paced() {
        return PACED.equals(error);
    }

    /** A post held back by {@link ChannelPacer}; nothing reached Slack. */
    static SlackCallException paced(String method, Duration wait) {
        return new SlackCallException(method, PACED, true, wait);
    }

    /** The first value of a response header, whatever its case. */
    static String firstHeader(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(h -> name.equalsIgnoreCase(h.getKey()))
                .flatMap(h -> h.getValue().stream()).findFirst().orElse(null);
    }

    /** Slack's {@code Retry-After} (seconds), at least one second; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * What this failure makes of a job's attempt, when the call can be retried. Slack's 429 names the time to come
     * back (Retry-After), and a post held back by the bot's own pacing waits for its turn: neither is a failure, so
     * neither uses up an attempt. Other trouble (5xx, the network) is retried with backoff and counts.
     */
    public JobResult retryResult() {
        if (retryAfter().isPresent()) {
            return new JobResult.Defer(retryAfter().get());
        }
        return new JobResult.Retry(getMessage(), error(), Optional.empty());
    }
}
