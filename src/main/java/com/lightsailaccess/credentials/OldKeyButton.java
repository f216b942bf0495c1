package com.lightsailaccess.credentials;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.HolderButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import jakarta.inject.Singleton;
import java.util.function.BiFunction;

/**
 * The holder's buttons on a rotation's old key: Retire the old key, and Reactivate. The button names the grant;
 * only its holder acts, which {@link KeyRotations} checks against the verified user id of the click.
 */
abstract class OldKeyButton extends HolderButton {

    private final BiFunction<Long, String, String> act;

    OldKeyButton(BiFunction<Long, String, String> act, SlackNotifier notifier, AfterAck afterAck) {
        super(notifier, afterAck);
        this.act = act;
    }

    @Override
    protected String act(long grantId, String clicker, BlockActionPayload payload) {
        try {
            return act.apply(grantId, clicker);
        } catch (DatabaseUnavailableException e) {
            return Replies.unavailableNothingChanged();
        }
    }

    /** Retire the old key: the overlap's end is now. */
    @Singleton
    static class RetireOldKeyAction extends OldKeyButton {

        RetireOldKeyAction(KeyRotations rotations, SlackNotifier notifier, AfterAck afterAck) {
            super(rotations::retireNow, notifier, afterAck);
        }

        @Override
        public String actionId() {
            return Ids.RETIRE_OLD_KEY;
        }
    }

    /** Reactivate: the inactive old key works again for another overlap. */
    @Singleton
    static class ReactivateKeyAction extends OldKeyButton {

        ReactivateKeyAction(KeyRotations rotations, SlackNotifier notifier, AfterAck afterAck) {
            super(rotations::reactivate, notifier, afterAck);
        }

        @Override
        public String actionId() {
            return Ids.REACTIVATE_KEY;
        }
    }
}
