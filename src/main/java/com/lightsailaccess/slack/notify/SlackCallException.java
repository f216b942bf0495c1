package com.lightsailaccess.slack.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * A Web API call did not succeed. {@code transientFailure} says whether trying again later can help (429, 5xx,
 * network trouble); {@code retryAfter} is Slack's own Retry-After when it sent one. The message holds the method
 * and Slack's error code only, never a token or a message body.
 */
public class SlackCallException extends Exception {

    static final String PACED = "paced_by_the_bot";

    private final String method;
    private final String error;
    private final boolean transientFailure;
    private final Duration retryAfter;

    public SlackCallException(String method, String error, boolean transientFailure, Duration retryAfter) {
        super(method + " failed: " + error);
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

    /** Not sent at all: the bot's own pacing held it back until {@link #retryAfter()}. */
    public boolean paced() {
        return PACED.equals(error);
    }

    /** A post held back by {@link ChannelPacer}; nothing reached Slack. */
    static SlackCallException paced(String method, Duration wait) {
        return new SlackCallException(method, PACED, true, wait);
    }
}
