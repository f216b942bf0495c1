package com.lightsailaccess.request;

import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import jakarta.inject.Singleton;

/**
 * Request access (on the App Home tab): the same modal as {@code /lightsail-access} with no text, opened with the
 * click's trigger right after the ack (Slack allows 3 s). Its submission is checked like any request.
 */
@Singleton
class RequestAction implements Listeners.Button {

    private final SlackNotifier notifier;
    private final AfterAck afterAck;
    private final RequestChoices choices;

    public RequestAction(SlackNotifier notifier, AfterAck afterAck, RequestChoices choices) {
        this.notifier = notifier;
        this.afterAck = afterAck;
        this.choices = choices;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        String triggerId = req.getPayload().getTriggerId();
        if (triggerId != null && !triggerId.isBlank()) {
            afterAck.openView(() -> notifier.openModal(triggerId,
                    RequestMessages.requestModal(choices)));
        }
        return ctx.ack();
    }

    @Override
    public String actionId() {
        return Ids.REQUEST;
    }
}
