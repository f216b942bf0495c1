package com.lightsailaccess.credentials;

/**
 * The payload of a job that makes a new secret (a password reset, a key rotation): where it is shown. A
 * {@code viewId} is the modal the command or the click opened (delivery {@code reveal}); none means one direct
 * message (delivery {@code dm}). Never a secret: the secret exists only while the job shows it.
 */
record ShownIn(String viewId) {

    boolean inModal() {
        return viewId != null;
    }
}
