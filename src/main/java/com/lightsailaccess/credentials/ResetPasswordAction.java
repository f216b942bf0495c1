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

/**
 * Reset console password, on the holder's Home tab. Whatever grant the button names, the clicker's own active grant
 * is the one reset: the verified user id of the click decides, so nobody resets another person's password.
 */
@Singleton
class ResetPasswordAction implements Listeners.Button {

    private final PasswordResets resets;
    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    ResetPasswordAction(PasswordResets resets, SlackNotifier notifier, AfterAck afterAck) {
        this.resets = resets;
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    @Override
    public String actionId() {
        return Ids.RESET_PASSWORD;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload payload = req.getPayload();
        String clicker = payload.getUser() == null ? null : payload.getUser().getId();
        String answer = clicker == null ? ":x: That click names nobody. Nothing changed."
                : resets.answer(clicker, payload.getTriggerId());
        afterAck.run("reset answer", AfterAck.clickAnswer(notifier, payload, answer));
        return ctx.ack();
    }
}
