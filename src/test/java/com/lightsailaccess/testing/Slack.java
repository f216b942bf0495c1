package com.lightsailaccess.testing;

import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds Slack's requests and signs them exactly as Slack does, over the raw UTF-8 body. */
public final class Slack {

    private static final Gson GSON = new Gson();

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

    /** A slash command as Slack sends it: with a fresh trigger (valid 3 s, once) and a fresh response_url. */
    public static String command(String command, String userId, String text, String triggerId) {
        return command(command, userId, text, triggerId, Map.of());
    }

    /** As above, with more fields or other values (an Enterprise Grid's {@code enterprise_id}, another team). */
    public static String command(String command, String userId, String text, String triggerId,
            Map<String, String> fields) {
        SlackApiResource.fake().issueTrigger(triggerId);
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
        f.putAll(fields);
        return form(f);
    }

    /**
     * A click on a button of a message the bot posted, as Slack sends it: the whole message as it is now (every
     * block), the button's own action id, block id and value, the clicker, a fresh trigger and response_url.
     * Fails the test when the message shows no such button: nobody can click what is not there.
     */
    public static String click(String userId, FakeSlack.Message message, String actionId) {
        return click(userId, message, actionId, value -> true, Map.of());
    }

    /**
     * As {@link #click(String, FakeSlack.Message, String)}, for the first button with that action id whose value
     * passes {@code value}; {@code messageExtras} adds fields Slack sends with a message (metadata, attachments).
     */
    public static String click(String userId, FakeSlack.Message message, String actionId,
            Predicate<String> value, Map<String, Object> messageExtras) {
        Shown button = button(message.blocks(), actionId, value);
        if (button == null) {
            throw new AssertionError("message " + message.ts() + " in " + message.channel() + " shows no "
                    + actionId + " button: " + message.blocks());
        }
        String triggerId = "trigger-" + UUID.randomUUID();
        SlackApiResource.fake().issueTrigger(triggerId);
        Map<String, Object> action = action(actionId, button);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("bot_id", "BBOT");
        shown.put("type", "message");
        shown.put("text", message.text());
        shown.put("user", "UBOT");
        shown.put("ts", message.ts());
        shown.put("app_id", "A0APP");
        shown.put("blocks", GSON.fromJson(message.blocks(), List.class));
        shown.put("team", SlackApiResource.TEAM);
        shown.putAll(messageExtras);
        Map<String, Object> payload = blockActions(userId);
        payload.put("container", Map.of("type", "message", "message_ts", message.ts(),
                "channel_id", message.channel(), "is_ephemeral", false));
        payload.put("trigger_id", triggerId);
        payload.put("team", Map.of("id", SlackApiResource.TEAM, "domain", "example"));
        payload.put("is_enterprise_install", false);
        payload.put("channel", Map.of("id", message.channel(), "name", message.channel().startsWith("D")
                ? "directmessage" : "approvals"));
        payload.put("message", shown);
        payload.put("state", Map.of("values", Map.of()));
        payload.put("response_url", SlackApiResource.responseUrl("click-" + userId));
        payload.put("actions", List.of(action));
        return form(Map.of("payload", GSON.toJson(payload)));
    }

    /** A button as shown, with the id of its block. */
    private record Shown(JsonObject button, String blockId) {
    }

    /** The first button with this action id whose value passes {@code value}, in an actions block or as an accessory. */
    private static Shown button(com.google.gson.JsonArray blocks, String actionId, Predicate<String> value) {
        for (JsonElement b : blocks) {
            JsonObject block = b.getAsJsonObject();
            List<JsonElement> elements = new ArrayList<>();
            if (block.has("elements") && "actions".equals(block.get("type").getAsString())) {
                block.getAsJsonArray("elements").forEach(elements::add);
            }
            if (block.has("accessory")) {
                elements.add(block.get("accessory"));
            }
            for (JsonElement e : elements) {
                JsonObject element = e.getAsJsonObject();
                if ("button".equals(element.get("type").getAsString())
                        && actionId.equals(element.get("action_id").getAsString())
                        && value.test(element.has("value") ? element.get("value").getAsString() : null)) {
                    // Slack gives a block without an id one of its own.
                    return new Shown(element, block.has("block_id") ? block.get("block_id").getAsString()
                            : Integer.toHexString(block.toString().hashCode()));
                }
            }
        }
        return null;
    }

    /** What every block_actions payload starts with: its type, the clicker, the app. */
    private static Map<String, Object> blockActions(String userId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", userId, "username", "u-" + userId, "name", "u-" + userId,
                "team_id", SlackApiResource.TEAM));
        payload.put("api_app_id", "A0APP");
        payload.put("token", "legacy-verification-token");
        return payload;
    }

    /** The {@code actions[0]} of a click on this button, with a fresh {@code action_ts}. */
    private static Map<String, Object> action(String actionId, Shown shown) {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("action_id", actionId);
        action.put("block_id", shown.blockId());
        action.put("text", GSON.fromJson(shown.button().get("text"), Map.class));
        if (shown.button().has("value")) {
            action.put("value", shown.button().get("value").getAsString());
        }
        if (shown.button().has("style")) {
            action.put("style", shown.button().get("style").getAsString());
        }
        action.put("type", "button");
        action.put("action_ts", Flow.nextTs());
        return action;
    }

    /**
     * A click on a button of a user's App Home tab, as Slack sends it: the container is the view, the payload carries
     * the whole Home view as published (type {@code home}, its id and hash, its empty state), the clicker and a fresh
     * trigger; there is no message, no channel and no response_url. Fails the test when the Home tab shows no such
     * button.
     */
    public static String homeClick(String userId, FakeSlack.View home, String actionId, Predicate<String> value) {
        JsonObject view = home.json();
        Shown shown = button(view.getAsJsonArray("blocks"), actionId, value);
        if (shown == null) {
            throw new AssertionError("the Home tab of " + userId + " shows no " + actionId + " button: "
                    + view.getAsJsonArray("blocks"));
        }
        String triggerId = "trigger-" + UUID.randomUUID();
        SlackApiResource.fake().issueTrigger(triggerId);
        Map<String, Object> action = action(actionId, shown);
        Map<String, Object> shownView = new LinkedHashMap<>();
        shownView.put("id", home.id());
        shownView.put("team_id", SlackApiResource.TEAM);
        shownView.put("type", "home");
        shownView.put("blocks", GSON.fromJson(view.getAsJsonArray("blocks"), List.class));
        shownView.put("private_metadata", view.has("private_metadata")
                ? view.get("private_metadata").getAsString() : "");
        shownView.put("callback_id", view.has("callback_id") ? view.get("callback_id").getAsString() : "");
        shownView.put("state", Map.of("values", Map.of()));
        shownView.put("hash", home.hash());
        shownView.put("title", Map.of("type", "plain_text", "text", "View Title", "emoji", true));
        shownView.put("clear_on_close", false);
        shownView.put("notify_on_close", false);
        shownView.put("root_view_id", home.id());
        shownView.put("app_id", "A0APP");
        shownView.put("external_id", "");
        shownView.put("app_installed_team_id", SlackApiResource.TEAM);
        shownView.put("bot_id", "BBOT");
        Map<String, Object> payload = blockActions(userId);
        payload.put("container", Map.of("type", "view", "view_id", home.id()));
        payload.put("trigger_id", triggerId);
        payload.put("team", Map.of("id", SlackApiResource.TEAM, "domain", "example"));
        payload.put("is_enterprise_install", false);
        payload.put("view", shownView);
        payload.put("actions", List.of(action));
        return form(Map.of("payload", GSON.toJson(payload)));
    }

    /** {@code app_home_opened} as Slack sends it when a person opens the app's Home tab. */
    public static String homeOpened(String userId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "app_home_opened");
        event.put("user", userId);
        event.put("channel", FakeSlack.dmChannel(userId));
        event.put("tab", "home");
        event.put("event_ts", Flow.nextTs());
        SlackApiResource.fake().home(userId).ifPresent(v -> event.put("view", GSON.fromJson(v.json(), Map.class)));
        return event("Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(), event);
    }

    /**
     * A click that Slack never showed: a button from an old message, or a value someone made up. Signed like any
     * other request (whoever sends it knows the signing secret), so only the server's own checks stand in its way.
     */
    public static String forgedBlockAction(String userId, String actionId, String value, String actionTs) {
        Map<String, Object> action = Map.of("action_id", actionId, "block_id", "decision", "value", value,
                "type", "button", "action_ts", actionTs, "text", Map.of("type", "plain_text", "text", "x"));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "block_actions");
        payload.put("user", Map.of("id", userId, "username", "u-" + userId, "team_id", SlackApiResource.TEAM));
        payload.put("api_app_id", "A0APP");
        payload.put("team", Map.of("id", SlackApiResource.TEAM, "domain", "example"));
        payload.put("container", Map.of("type", "message", "message_ts", "1600000000.000100",
                "channel_id", SlackApiResource.APPROVAL_CHANNEL));
        payload.put("channel", Map.of("id", SlackApiResource.APPROVAL_CHANNEL, "name", "approvals"));
        payload.put("trigger_id", "trigger-" + UUID.randomUUID());
        payload.put("response_url", SlackApiResource.responseUrl("click-" + userId));
        payload.put("actions", List.of(action));
        return form(Map.of("payload", GSON.toJson(payload)));
    }

    /**
     * The submission of a view the bot opened, as Slack sends it: the whole view (blocks, callback id, private
     * metadata, hash) with the state of every input. {@code inputs} maps an input's action id to what the person
     * entered (a text) or chose (an option's value, which must be one the view offers). Inputs left out keep
     * their initial value, as in Slack.
     */
    public static String submit(String userId, FakeSlack.View view, Map<String, String> inputs) {
        JsonObject json = view.json().deepCopy();
        Map<String, Object> values = new LinkedHashMap<>();
        for (JsonElement b : json.getAsJsonArray("blocks")) {
            JsonObject block = b.getAsJsonObject();
            if (!"input".equals(block.get("type").getAsString())) {
                continue;
            }
            JsonObject element = block.getAsJsonObject("element");
            String actionId = element.get("action_id").getAsString();
            String type = element.get("type").getAsString();
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", type);
            if (type.equals("static_select") || type.equals("radio_buttons")) {
                JsonObject chosen = null;
                if (inputs.containsKey(actionId)) {
                    for (JsonElement o : element.getAsJsonArray("options")) {
                        if (o.getAsJsonObject().get("value").getAsString().equals(inputs.get(actionId))) {
                            chosen = o.getAsJsonObject();
                        }
                    }
                    if (chosen == null) {
                        throw new AssertionError("the view offers no option " + inputs.get(actionId) + " for "
                                + actionId);
                    }
                } else if (element.has("initial_option")) {
                    chosen = element.getAsJsonObject("initial_option");
                }
                value.put("selected_option", chosen == null ? null : GSON.fromJson(chosen, Map.class));
            } else {
                value.put("value", inputs.containsKey(actionId) ? inputs.get(actionId)
                        : element.has("initial_value") ? element.get("initial_value").getAsString() : null);
            }
            values.put(block.get("block_id").getAsString(), Map.of(actionId, value));
        }
        Map<String, Object> shown = GSON.fromJson(json, Map.class);
        shown.put("team_id", SlackApiResource.TEAM);
        shown.put("state", Map.of("values", values));
        shown.put("app_id", "A0APP");
        shown.put("bot_id", "BBOT");
        shown.put("root_view_id", view.id());
        shown.putIfAbsent("private_metadata", "");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "view_submission");
        payload.put("team", Map.of("id", SlackApiResource.TEAM, "domain", "example"));
        payload.put("user", Map.of("id", userId, "username", "u-" + userId, "name", "u-" + userId,
                "team_id", SlackApiResource.TEAM));
        payload.put("api_app_id", "A0APP");
        payload.put("token", "legacy-verification-token");
        payload.put("trigger_id", "trigger-" + UUID.randomUUID());
        payload.put("view", shown);
        payload.put("response_urls", List.of());
        payload.put("is_enterprise_install", false);
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

    /**
     * Slack's signature, computed here as Slack documents it ({@code v0=} and the hex HMAC-SHA256 of
     * {@code v0:<timestamp>:<body>} under the signing secret), not by the bot's own verifier.
     */
    public static String signature(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SlackApiResource.SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
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

    /** The clicks, sent at the same instant from as many threads; the answers, in the same order. */
    public static List<String> sendTogether(List<String> clicks) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(clicks.size());
        ExecutorService pool = Executors.newFixedThreadPool(clicks.size());
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (String click : clicks) {
                calls.add(() -> {
                    barrier.await();
                    return send(click).statusCode(200).extract().asString();
                });
            }
            List<String> answers = new ArrayList<>();
            for (Future<String> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }
}
