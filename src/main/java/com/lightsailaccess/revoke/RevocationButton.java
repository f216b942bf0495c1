package com.lightsailaccess.revoke;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.notify.SlackNotifier;

/**
 * An admin's button that revokes one grant, as {@code /lightsail-revoke} does: out of the Lightsail group, or with
 * {@code delete} the IAM user too. A button from a grant whose IAM user was granted again since acts on nothing.
 */
abstract class RevocationButton extends AdminButton {

    private final RevocationService revocations;
    private final boolean delete;

    RevocationButton(RevocationService revocations, boolean delete, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.revocations = revocations;
        this.delete = delete;
    }

    @Override
    protected String act(long requestId, String adminId) {
        return RevokeMessages.revokeAnswer(revocations.revokeRequest(requestId, delete, adminId));
    }
}
