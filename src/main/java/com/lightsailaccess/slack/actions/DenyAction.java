package com.lightsailaccess.slack.actions;

import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import jakarta.enterprise.context.ApplicationScoped;

/** The Deny button. */
@ApplicationScoped
public class DenyAction implements BlockActionHandler {

    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    public DenyAction(SlackNotifier notifier, AfterAck afterAck) {
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        String responseUrl = req.getPayload().getResponseUrl();
        afterAck.run("deny answer", () -> notifier.respondEphemeral(responseUrl,
                ":construction: Denying from Slack is not available yet. Nothing changed."));
        return ctx.ack();
    }
}
