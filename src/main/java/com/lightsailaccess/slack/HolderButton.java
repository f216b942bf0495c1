package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;

/**
 * What the buttons of a grant's holder share (Extend, Give back, Keep access): the button names the grant, and only
 * its holder may act on it, which the domain checks against the verified user id of the click. The ack goes back
 * at once; the answer follows as an ephemeral message.
 */
public abstract class HolderButton implements Listeners.Button {

    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    protected HolderButton(SlackNotifier notifier, AfterAck afterAck) {
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    /** Acts for the clicker on the grant; returns what to tell them, or null when nothing needs saying. */
    protected abstract String act(long grantId, String clicker, BlockActionPayload payload);

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload payload = req.getPayload();
        String clicker = payload.getUser() == null ? null : payload.getUser().getId();
        long grantId = AdminButton.parseId(payload.getActions().get(0).getValue());
        String answer = clicker == null || grantId <= 0 ? ":x: That button does not name a grant. Nothing changed."
                : act(grantId, clicker, payload);
        if (answer != null) {
            afterAck.run("holder answer", AfterAck.clickAnswer(notifier, payload, answer));
        }
        return ctx.ack();
    }
}
