package com.lightsailaccess.iam;

/**
 * An IAM call failed. {@code transientFailure}: throttling, a 5xx or a network problem, worth retrying later.
 * The message carries IAM's error code and the action, never a request parameter (a password travels in those).
 */
public class IamFailure extends RuntimeException {

    private final String code;
    private final boolean transientFailure;

    public IamFailure(String action, String code, boolean transientFailure) {
        super(action + " failed: " + code);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    /** A failure the bot found itself (not an IAM error code): {@code message} says all. */
    protected IamFailure(boolean transientFailure, String code, String message) {
        super(message);
        this.code = code;
        this.transientFailure = transientFailure;
    }

    public String code() {
        return code;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
