package com.lightsailaccess.grant;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import jakarta.inject.Singleton;

/**
 * Show credentials (reveal once). Only the requester's click counts, once: the grant's row decides, so a second
 * click, a repeated delivery or two clicks at once reveal nothing more. The winning click opens the modal at once
 * with its trigger (Slack allows 3 s); the credentials are made by a job and shown in that modal.
 */
@Singleton
class ShowCredentialsAction implements Listeners.Button {

    private final Reveals reveals;
    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    public ShowCredentialsAction(Reveals reveals, SlackNotifier notifier, AfterAck afterAck) {
        this.reveals = reveals;
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    @Override
    public String actionId() {
        return Ids.SHOW_CREDENTIALS;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload payload = req.getPayload();
        String clicker = payload.getUser() == null ? null : payload.getUser().getId();
        long requestId = AdminButton.parseId(payload.getActions().get(0).getValue());
        if (clicker == null || requestId <= 0) {
            answer(payload, ":x: That button does not name a request. Nothing was created.");
            return ctx.ack();
        }
        Reveals.Claim claim;
        try {
            claim = reveals.claim(requestId, clicker);
        } catch (DatabaseUnavailableException e) {
            answer(payload, ":warning: Your credentials cannot be shown right now. Nothing was created: try "
                    + "again in a minute.");
            return ctx.ack();
        }
        if (claim.answer() != Reveals.Answer.CLAIMED) {
            answer(payload, RevealMessages.answer(claim.answer(), reveals.within()));
            return ctx.ack();
        }
        String trigger = payload.getTriggerId();
        afterAck.openView(() -> {
            String viewId;
            try {
                viewId = notifier.openModal(trigger, RevealMessages.preparing(requestId));
            } catch (SlackCallException e) {
                // A trigger works once, within 3 s: no second try. The button works again.
                reveals.release(requestId, claim.claimedAt(), "the modal could not be opened (" + e.error() + ")");
                answer(payload, RevealMessages.COULD_NOT_OPEN);
                return;
            }
            reveals.start(requestId, claim.claimedAt(), viewId);
        });
        return ctx.ack();
    }

    private void answer(BlockActionPayload payload, String text) {
        afterAck.run("reveal answer", AfterAck.clickAnswer(notifier, payload, text));
    }
}
