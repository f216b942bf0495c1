package com.lightsailaccess.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.EventRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One effect per delivery. Slack retries Events API deliveries (same {@code event_id}, with
 * {@code X-Slack-Retry-Num}); a proxy or a double submit can send the same click, command or submission twice.
 * The first delivery of a key runs; repeats are acknowledged and dropped. If handling fails the key is forgotten so
 * that Slack's retry gets its chance.
 */
@ApplicationScoped
class DeliveryDedup implements Middleware {

    private static final Logger LOG = Logger.getLogger(DeliveryDedup.class);

    private final DeliveryLog log;

    public DeliveryDedup(DeliveryLog log) {
        this.log = log;
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        Optional<String> key = keyOf(req);
        if (key.isEmpty()) {
            return chain.next(req);
        }
        boolean first;
        try {
            first = log.firstTime(key.get());
        } catch (RuntimeException e) {
            // Without the database the listener cannot do its work either; it answers for itself. Uniqueness of
            // the effect is still guarded by the database's constraints and conditional updates.
            LOG.warnf("Could not record delivery %s: %s", key.get(), e.getClass().getSimpleName());
            return chain.next(req);
        }
        if (!first) {
            LOG.infof("Repeated delivery %s dropped", key.get());
            return Response.ok();
        }
        Response response;
        try {
            response = chain.next(req);
        } catch (Exception e) {
            forgetQuietly(key.get());
            throw e;
        }
        if (response.getStatusCode() != null && response.getStatusCode() >= 500 || answeredWithErrors(response)) {
            // A submission answered with field errors stays open for the person to fix and submit again.
            forgetQuietly(key.get());
        }
        return response;
    }

    private void forgetQuietly(String key) {
        try {
            log.forget(key);
        } catch (RuntimeException e) {
            LOG.warnf("Could not forget delivery %s: %s", key, e.getClass().getSimpleName());
        }
    }

    static Optional<String> keyOf(Request<?> req) {
        if (req instanceof EventRequest event) {
            return stringField(event.getRequestBodyAsString(), "event_id").map(id -> "event:" + id);
        }
        if (req instanceof SlashCommandRequest command) {
            return Optional.ofNullable(command.getPayload().getTriggerId()).map(t -> "command:" + t);
        }
        if (req instanceof BlockActionRequest click) {
            BlockActionPayload p = click.getPayload();
            if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null) {
                return Optional.empty();
            }
            BlockActionPayload.Action a = p.getActions().get(0);
            return Optional.of("action:" + p.getUser().getId() + ":" + a.getActionId() + ":" + a.getActionTs());
        }
        if (req instanceof ViewSubmissionRequest submission) {
            // Each submission has its own trigger_id; a repeated delivery of it has the same one. The view's id and
            // hash do not change when a person fixes an error and submits again.
            String trigger = submission.getPayload().getTriggerId();
            return trigger == null || trigger.isBlank() ? Optional.empty() : Optional.of("submission:" + trigger);
        }
        return Optional.empty();
    }

    private static boolean answeredWithErrors(Response response) {
        String body = response.getBody();
        return body != null && body.contains("\"response_action\"") && "errors".equals(stringField(body,
                "response_action").orElse(null));
    }

    private static Optional<String> stringField(String json, String field) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                return Optional.empty();
            }
            JsonObject object = root.getAsJsonObject();
            JsonElement value = object.get(field);
            return value == null || !value.isJsonPrimitive() ? Optional.empty() : Optional.of(value.getAsString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
