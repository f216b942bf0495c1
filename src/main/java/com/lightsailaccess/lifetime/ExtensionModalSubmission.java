package com.lightsailaccess.lifetime;

import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.request.Filing;
import com.lightsailaccess.request.RequestMessages;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.ViewState;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * The extension form's submission: files an extension of the grant named in the view's private metadata. The
 * submitter must hold that grant (checked by the domain against the verified user id, not the metadata's word).
 */
@ApplicationScoped
class ExtensionModalSubmission implements Listeners.Form {

    private final Filing requests;
    private final RequestChoices choices;

    public ExtensionModalSubmission(Filing requests, RequestChoices choices) {
        this.requests = requests;
        this.choices = choices;
    }

    @Override
    public Response apply(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var payload = req.getPayload();
        Map<String, Map<String, ViewState.Value>> values = Listeners.stateOf(payload.getView());
        long grantId;
        try {
            grantId = Long.parseLong(payload.getView().getPrivateMetadata());
        } catch (NumberFormatException | NullPointerException e) {
            return ctx.ackWithErrors(Map.of(Ids.REASON_BLOCK, "This form does not name a grant; open it again."));
        }
        // Held to the grant's level's durations when it is filed.
        Optional<GrantDuration> duration = Listeners.value(values, Ids.DURATION_BLOCK,
                Ids.DURATION_INPUT).map(ViewState.Value::getSelectedOption)
                .flatMap(o -> GrantDuration.parse(o.getValue()));
        if (duration.isEmpty()) {
            return ctx.ackWithErrors(Map.of(Ids.DURATION_BLOCK, "Choose one of: " + choices.choicesText()));
        }
        String reason = RequestMessages.reasonOf(values);
        Optional<String> problem = RequestMessages.reasonProblem(reason);
        if (problem.isPresent()) {
            return ctx.ackWithErrors(Map.of(Ids.REASON_BLOCK, problem.get()));
        }
        return RequestMessages.formAnswer(ctx, requests.fileExtension(grantId, payload.getUser().getId(),
                duration.get(), reason));
    }

    @Override
    public String callbackId() {
        return Ids.EXTEND_MODAL;
    }
}
