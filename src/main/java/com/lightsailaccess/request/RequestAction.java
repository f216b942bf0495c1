package com.lightsailaccess.request;

import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
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
    private final LevelChoices levels;

    public RequestAction(SlackNotifier notifier, AfterAck afterAck, RequestChoices choices, LevelChoices levels) {
        this.notifier = notifier;
        this.afterAck = afterAck;
        this.choices = choices;
        this.levels = levels;
    }

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        String triggerId = payload.getTriggerId();
        String person = payload.getUser() == null ? null : payload.getUser().getId();
        if (triggerId != null && !triggerId.isBlank() && (person != null || !levels.named())) {
            RequestMessages.Result<View> form = RequestMessages.requestForm(levels, choices, person, null);
            if (form instanceof RequestMessages.Result.Ok<View> ok) {
                afterAck.openView(() -> notifier.openModal(triggerId, ok.value()));
            } else {
                afterAck.run("request answer", AfterAck.clickAnswer(notifier, payload,
                        ((RequestMessages.Result.Refused<View>) form).why()));
            }
        }
        return ctx.ack();
    }

    @Override
    public String actionId() {
        return Ids.REQUEST;
    }
}
