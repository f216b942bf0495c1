package com.lightsailaccess.credentials;

import com.lightsailaccess.iam.IamCredentials.KeyUse;
import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A holder's own credentials as the README's pictures show them, drawn by the feature's own builders from made-up
 * credentials (the caller's).
 */
public final class CredentialsPictures {

    private CredentialsPictures() {
    }

    /** The direct message with a reset's new console password. */
    public static List<LayoutBlock> resetDm(long grantId, String iamUserName, String signInUrl, String password) {
        return ResetMessages.newPassword(grantId, iamUserName, signInUrl, password, false);
    }

    /** The direct message with a rotation's new access key. */
    public static List<LayoutBlock> newKeyDm(long grantId, String iamUserName, String accessKeyId, String secret,
            String oldKeyId, Instant oldKeyUntil) {
        return RotationMessages.newKey(grantId, iamUserName, accessKeyId, secret, oldKeyId, Optional.of(oldKeyUntil),
                false);
    }

    /** The message without a secret that follows a rotation: the overlap, and Retire the old key. */
    public static List<LayoutBlock> overlapDm(long grantId, String newKeyId, String oldKeyId, Instant until) {
        return RotationMessages.overlap(grantId, newKeyId, oldKeyId, until);
    }

    /** The reminder when the access key is older than LIGHTSAIL_KEY_MAX_AGE, with Rotate now. */
    public static List<LayoutBlock> keyAgeDm(long grantId, String accessKeyId, Duration age, Instant lastUsed,
            String service, String region) {
        return RotationMessages.tooOld(grantId, accessKeyId, age, Optional.of(new KeyUse(lastUsed, service, region)),
                "90d");
    }
}
