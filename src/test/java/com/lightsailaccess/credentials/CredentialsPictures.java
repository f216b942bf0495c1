package com.lightsailaccess.credentials;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/**
 * A holder's own credentials as the README's pictures show them, drawn by the feature's own builders from a made-up
 * password (the caller's).
 */
public final class CredentialsPictures {

    private CredentialsPictures() {
    }

    /** The direct message with a reset's new console password. */
    public static List<LayoutBlock> resetDm(long grantId, String iamUserName, String signInUrl, String password) {
        return ResetMessages.newPassword(grantId, iamUserName, signInUrl, password, false);
    }
}
