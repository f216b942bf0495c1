package com.lightsailaccess.credentials;

/**
 * The payload of a step on a rotation's old access key: its id (never a secret) and the step.
 *
 * @param step {@code RETIRE}: made inactive (the overlap's end, or Retire the old key); {@code REACTIVATE}: active
 *     again (Reactivate); {@code DELETE}: deleted an overlap after it was made inactive
 */
record OldKey(String accessKeyId, Step step) {

    enum Step {
        RETIRE, REACTIVATE, DELETE
    }

    /** The key of the step's job: one open job per key and step. */
    String dedupKey() {
        return step.name().toLowerCase(java.util.Locale.ROOT) + "-key:" + accessKeyId;
    }
}
