package com.lightsailaccess.grant;

import com.lightsailaccess.model.AccessType;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The credentials as the README's pictures show them, drawn by the grant feature's own builders from made-up
 * credentials (the caller's; AWS's own documentation examples).
 */
public final class GrantPictures {

    private GrantPictures() {
    }

    /** The direct message with the sign-in details. */
    public static List<LayoutBlock> credentialsDm(long requestId, String iamUserName, String signInUrl,
            String password, String accessKeyId, String secretAccessKey) {
        return message(requestId, iamUserName, signInUrl, password, accessKeyId, secretAccessKey).blocks();
    }

    /** Reveal once: the direct message with the Show credentials button, and no secret. */
    public static List<LayoutBlock> revealOffer(long requestId, String iamUserName, AccessType type, Instant until) {
        return RevealMessages.offer(requestId, iamUserName, type, until);
    }

    /** Reveal once: the modal that shows the credentials. */
    public static View revealModal(long requestId, String iamUserName, String signInUrl, String password,
            String accessKeyId, String secretAccessKey) {
        return RevealMessages.credentials(message(requestId, iamUserName, signInUrl, password, accessKeyId,
                secretAccessKey));
    }

    private static CredentialsMessage message(long requestId, String iamUserName, String signInUrl, String password,
            String accessKeyId, String secretAccessKey) {
        return new CredentialsMessage(requestId, iamUserName, signInUrl, Optional.of(password),
                Optional.of(accessKeyId), Optional.of(secretAccessKey), false);
    }
}
