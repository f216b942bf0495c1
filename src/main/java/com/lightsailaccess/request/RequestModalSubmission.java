package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/** The request modal's submission: files the request, or shows what is wrong inside the modal. */
@ApplicationScoped
class RequestModalSubmission implements Listeners.Form {

    private final Filing requests;
    private final LevelChoices levels;

    public RequestModalSubmission(Filing requests, LevelChoices levels) {
        this.requests = requests;
        this.levels = levels;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var payload = req.getPayload();
        Map<String, Map<String, ViewState.Value>> values = Listeners.stateOf(payload.getView());
        String person = payload.getUser().getId();
        AccessLevel level = null;
        if (levels.named()) {
            // Only what the person may ask for counts, whatever the submitted form says.
            Optional<AccessLevel> chosen = Listeners.value(values, Ids.LEVEL_BLOCK, Ids.LEVEL_INPUT)
                    .map(ViewState.Value::getSelectedOption).flatMap(o -> levels.levels().find(o.getValue()))
                    .filter(l -> l.mayAsk(person));
            if (chosen.isEmpty()) {
                return ctx.ackWithErrors(Map.of(Ids.LEVEL_BLOCK, "Choose one of: " + String.join(", ",
                        levels.askableBy(person).stream().map(AccessLevel::label).toList())));
            }
            level = chosen.get();
        }
        RequestChoices choices = levels.of(level == null ? levels.levels().byDefault() : level);
        Optional<ViewState.Value> typeValue = Listeners.value(values, Ids.ACCESS_TYPE_BLOCK, Ids.ACCESS_TYPE_INPUT);
        AccessType type = choices.defaultAccess();
        if (typeValue.isPresent() && typeValue.get().getSelectedOption() != null) {
            Optional<AccessType> chosen = AccessType.parse(typeValue.get().getSelectedOption().getValue());
            if (chosen.isEmpty()) {
                return ctx.ackWithErrors(Map.of(Ids.ACCESS_TYPE_BLOCK, "Choose console, programmatic or both."));
            }
            type = chosen.get();
        }
        if (level != null && !level.accessTypes().contains(type)) {
            return ctx.ackWithErrors(Map.of(Ids.ACCESS_TYPE_BLOCK, level.label() + " offers " + String.join(" or ",
                    level.accessTypes().stream().sorted().map(AccessType::word).toList()) + " access."));
        }
        GrantDuration duration = choices.defaultDuration();
        Optional<ViewState.Value> durationValue = Listeners.value(values, Ids.DURATION_BLOCK, Ids.DURATION_INPUT);
        if (durationValue.isPresent() && durationValue.get().getSelectedOption() != null) {
            Optional<GrantDuration> chosen = choices.choice(durationValue.get().getSelectedOption()
                    .getValue());
            if (chosen.isEmpty()) {
                return ctx.ackWithErrors(Map.of(Ids.DURATION_BLOCK, "Choose one of: "
                        + choices.choicesText()));
            }
            duration = chosen.get();
        }
        String reason = RequestMessages.reasonOf(values);
        Optional<String> problem = RequestMessages.reasonProblem(reason);
        if (problem.isPresent()) {
            return ctx.ackWithErrors(Map.of(Ids.REASON_BLOCK, problem.get()));
        }
        return RequestMessages.formAnswer(ctx, requests.file(new Requester(person,
                payload.getUser().getTeamId(), payload.getEnterprise() == null ? null
                        : payload.getEnterprise().getId()), level, level != null, type, duration, reason, null));
    }

    @Override
    public String callbackId() {
        return Ids.REQUEST_MODAL;
    }
}
