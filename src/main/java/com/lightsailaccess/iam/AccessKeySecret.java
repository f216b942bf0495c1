package com.lightsailaccess.iam;

/**
 * A new access key: its id (not secret, recorded) and its secret, which exists only in memory between
 * {@code CreateAccessKey} and the one direct message. {@link #toString()} never shows the secret.
 */
public record AccessKeySecret(String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
        return "AccessKeySecret[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}
