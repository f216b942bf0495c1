package com.lightsailaccess.testing;

import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.Gson;
import com.lightsailaccess.slack.SlackSignatureVerifier;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Builds Slack's requests and signs them exactly as Slack does, over the raw UTF-8 body. */
public final class Slack {

    private static final Gson GSON = new Gson();
    private static final SlackSignatureVerifier SIGNER =
            new SlackSignatureVerifier(SlackApiResource.SIGNING_SECRET, Clock.systemUTC());

    private Slack() {
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String command(String command, String userId, String text) {
        return command(command, userId, text, "trigger-" + UUID.randomUUID());
    }

    public static String command(String command, String userId, String text, String triggerId) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "legacy-verification-token");
        f.put("team_id", SlackApiResource.TEAM);
        f.put("team_domain", "example");
        f.put("channel_id", "C0GENERAL");
        f.put("channel_name", "general");
        f.put("user_id", userId);
        f.put("user_name", "user-" + userId.toLowerCase());
        f.put("command", command);
        f.put("text", text);
        f.put("api_app_id", "A0APP");
        f.put("is_enterprise_install", "false");
        f.put("response_url", SlackApiResource.responseUrl("cmd-" + userId));
        f.put("trigger_id", triggerId);
        return form(f);
    }

    public static String blockAction(String userId, String actionId, String value, String actionTs) {
        Map<String, Object> action = Map.of("action_id", actionId, "block_id", "decision", "value", value,
                "type", "button", "action_ts", actionTs, "text", Map.of("type", "plain_text", "text", "x"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", userId, "username", "u-" + userId, "team_id", SlackApiResource.TEAM));
        payload.put("api_app_id", "A0APP");
        payload.put("team", Map.of("id", SlackApiResource.TEAM, "domain", "example"));
        payload.put("container", Map.of("type", "message", "message_ts", "1700000000.000100",
                "channel_id", SlackApiResource.APPROVAL_CHANNEL));
        payload.put("channel", Map.of("id", SlackApiResource.APPROVAL_CHANNEL, "name", "approvals"));
        payload.put("trigger_id", "trigger-" + UUID.randomUUID());
        payload.put("response_url", SlackApiResource.responseUrl("click-" + userId));
        payload.put("actions", List.of(action));
        return form(Map.of("payload", GSON.toJson(payload)));
    }

    public static String viewSubmission(String userId, String accessType, String reason) {
        Map<String, Object> typeValue = accessType == null ? Map.of("type", "static_select")
                : Map.of("type", "static_select", "selected_option",
                        Map.of("text", Map.of("type", "plain_text", "text", accessType), "value", accessType));
        Map<String, Object> reasonValue = new LinkedHashMap<>();
        reasonValue.put("type", "plain_text_input");
        reasonValue.put("value", reason);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", "V" + UUID.randomUUID().toString().substring(0, 8));
        view.put("type", "modal");
        view.put("callback_id", "lightsail_request_modal");
        view.put("hash", "h-" + UUID.randomUUID());
        view.put("private_metadata", "");
        view.put("state", Map.of("values", Map.of(
                "access_type", Map.of("access_type_input", typeValue),
                "reason", Map.of("reason_input", reasonValue))));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "view_submission");
        payload.put("team", Map.of("id", SlackApiResource.TEAM, "domain", "example"));
        payload.put("user", Map.of("id", userId, "username", "u-" + userId, "team_id", SlackApiResource.TEAM));
        payload.put("api_app_id", "A0APP");
        payload.put("view", view);
        return form(Map.of("payload", GSON.toJson(payload)));
    }

    public static String event(String eventId, Map<String, Object> event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", "legacy-verification-token");
        body.put("team_id", SlackApiResource.TEAM);
        body.put("api_app_id", "A0APP");
        body.put("event", event);
        body.put("type", "event_callback");
        body.put("event_id", eventId);
        body.put("event_time", Instant.now().getEpochSecond());
        return GSON.toJson(body);
    }

    /**
     * A logged Web API call as Slack would read it: form-decoded, with JSON's {@code \\uXXXX} escapes (Gson writes
     * {@code =}, {@code &}, {@code <} that way) turned back into characters, so searches for a secret cannot miss.
     */
    public static String readable(LoggedRequest request) {
        String decoded = URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(decoded);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String signature(long timestamp, String body) {
        return new String(SIGNER.sign(String.valueOf(timestamp), body.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.US_ASCII);
    }

    /** POSTs a correctly signed request to /slack/events. */
    public static ValidatableResponse send(String body) {
        return send(body, Instant.now().getEpochSecond(), Map.of());
    }

    public static ValidatableResponse send(String body, long timestamp, Map<String, String> extraHeaders) {
        String contentType = body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded";
        return given()
                .config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .defaultContentCharset(StandardCharsets.UTF_8)
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signature(timestamp, body))
                .headers(extraHeaders)
                .contentType(contentType + "; charset=utf-8")
                .body(body)
                .when().post("/slack/events")
                .then();
    }
}
