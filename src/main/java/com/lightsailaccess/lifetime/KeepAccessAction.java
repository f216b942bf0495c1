package com.lightsailaccess.lifetime;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.HolderButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import jakarta.inject.Singleton;

/** Keep access (in the "still needed?" DM): the holder still needs the unused credentials; the clock restarts. */
@Singleton
class KeepAccessAction extends HolderButton {

    private final LifetimeService lifetimes;

    public KeepAccessAction(LifetimeService lifetimes, SlackNotifier notifier, AfterAck afterAck) {
        super(notifier, afterAck);
        this.lifetimes = lifetimes;
    }

    @Override
    protected String act(long grantId, String clicker, BlockActionPayload payload) {
        try {
            return lifetimes.keep(grantId, clicker) ? LifetimeMessages.keptAnswer(grantId)
                    : Replies.notYourGrant(grantId);
        } catch (DatabaseUnavailableException e) {
            return Replies.unavailableNothingChanged();
        }
    }

    @Override
    public String actionId() {
        return Ids.KEEP_ACCESS;
    }
}
