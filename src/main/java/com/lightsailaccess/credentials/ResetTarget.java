package com.lightsailaccess.credentials;

/**
 * The payload of a password reset job: where the new password is shown. A {@code viewId} is the modal the command or
 * the click opened (delivery {@code reveal}); none means one direct message (delivery {@code dm}). Never a secret:
 * the password exists only while the job shows it.
 */
record ResetTarget(String viewId) {

    boolean inModal() {
        return viewId != null;
    }
}
