package com.lightsailaccess.lifetime;

import com.lightsailaccess.revoke.RevocationService;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.HolderButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Give back (in the reminder and the "still needed?" DM): the holder ends the grant at once, as an expiry does. */
@Singleton
class GiveBackAction extends HolderButton {

    private final RevocationService revocations;

    public GiveBackAction(RevocationService revocations, SlackNotifier notifier, AfterAck afterAck) {
        super(notifier, afterAck);
        this.revocations = revocations;
    }

    @Override
    protected String act(long grantId, String clicker, BlockActionPayload payload) {
        return revocations.giveBack(Optional.of(grantId), clicker);
    }

    @Override
    public String actionId() {
        return Ids.GIVE_BACK;
    }
}
