package com.lightsailaccess.access;

import com.google.gson.Gson;

/**
 * What a revocation does in IAM, and who asked: the payload of its job.
 * <ul>
 * <li>{@code REMOVE}: out of the Lightsail group; the user and its credentials stay (left the team).</li>
 * <li>{@code DELETE}: the IAM user and everything on it (left the company).</li>
 * <li>{@code WITHDRAW}: a grant cancelled after it failed: the credentials it made and its group membership go;
 * the user stays.</li>
 * </ul>
 */
public record Revocation(Mode mode, String actor) {

    public enum Mode {
        REMOVE, DELETE, WITHDRAW
    }

    private static final Gson GSON = new Gson();

    public String toJson() {
        return GSON.toJson(this);
    }

    public static Revocation fromJson(String json) {
        return GSON.fromJson(json, Revocation.class);
    }

    /** One open job per grant and mode. */
    static String dedupKey(long requestId, Mode mode) {
        return "revoke:" + requestId + ":" + mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
