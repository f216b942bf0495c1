package com.lightsailaccess.credentials;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.HolderButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import jakarta.inject.Singleton;

/** The holder's buttons on a rotation's old key: Retire the old key, and Reactivate. Only the grant's holder acts. */
final class OldKeyButtons {

    private OldKeyButtons() {
    }

    /** Retire the old key: the overlap's end is now. */
    @Singleton
    static class RetireOldKeyAction extends HolderButton {

        private final KeyRotations rotations;

        RetireOldKeyAction(KeyRotations rotations, SlackNotifier notifier, AfterAck afterAck) {
            super(notifier, afterAck);
            this.rotations = rotations;
        }

        @Override
        protected String act(long grantId, String clicker, BlockActionPayload payload) {
            try {
                return rotations.retireNow(grantId, clicker);
            } catch (DatabaseUnavailableException e) {
                return Replies.unavailableNothingChanged();
            }
        }

        @Override
        public String actionId() {
            return Ids.RETIRE_OLD_KEY;
        }
    }

    /** Reactivate: the inactive old key works again for another overlap. */
    @Singleton
    static class ReactivateKeyAction extends HolderButton {

        private final KeyRotations rotations;

        ReactivateKeyAction(KeyRotations rotations, SlackNotifier notifier, AfterAck afterAck) {
            super(notifier, afterAck);
            this.rotations = rotations;
        }

        @Override
        protected String act(long grantId, String clicker, BlockActionPayload payload) {
            try {
                return rotations.reactivate(grantId, clicker);
            } catch (DatabaseUnavailableException e) {
                return Replies.unavailableNothingChanged();
            }
        }

        @Override
        public String actionId() {
            return Ids.REACTIVATE_KEY;
        }
    }
}
