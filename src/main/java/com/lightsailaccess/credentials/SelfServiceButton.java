package com.lightsailaccess.credentials;

import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import jakarta.inject.Singleton;
import java.util.function.BiFunction;

/**
 * The holder's buttons for their own credentials: Reset console password (the Home tab) and Rotate now (the Home
 * tab, the key's age reminder). Whatever grant a button names, the clicker's own active grant is the one acted on:
 * the verified user id of the click decides, so nobody acts on another person's credentials.
 */
abstract class SelfServiceButton implements Listeners.Button {

    private final BiFunction<String, String, String> answer;
    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    SelfServiceButton(BiFunction<String, String, String> answer, SlackNotifier notifier, AfterAck afterAck) {
        this.answer = answer;
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload payload = req.getPayload();
        String clicker = payload.getUser() == null ? null : payload.getUser().getId();
        String text = clicker == null ? ":x: That click names nobody. Nothing changed."
                : answer.apply(clicker, payload.getTriggerId());
        afterAck.run("self-service answer", AfterAck.clickAnswer(notifier, payload, text));
        return ctx.ack();
    }

    /** Reset console password. */
    @Singleton
    static class ResetPasswordAction extends SelfServiceButton {

        ResetPasswordAction(PasswordResets resets, SlackNotifier notifier, AfterAck afterAck) {
            super(resets::answer, notifier, afterAck);
        }

        @Override
        public String actionId() {
            return Ids.RESET_PASSWORD;
        }
    }

    /** Rotate now. */
    @Singleton
    static class RotateKeyAction extends SelfServiceButton {

        RotateKeyAction(KeyRotations rotations, SlackNotifier notifier, AfterAck afterAck) {
            super(rotations::answer, notifier, afterAck);
        }

        @Override
        public String actionId() {
            return Ids.ROTATE_KEY;
        }
    }
}
