package com.lightsailaccess.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.lightsailaccess.pictures.SlackPage;
import com.lightsailaccess.pictures.UnknownBlockKitType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Slack's Web API as strict as Slack itself, behind WireMock (applied to every request the Slack stand-in gets):
 * <ul>
 * <li>Block Kit limits, measured on the text as sent: 50 blocks in a message and 100 in a view, section text 3,000
 * characters, 10 fields of 2,000, header 150, button text 75, {@code action_id} and {@code block_id} 255, a
 * button's {@code value} 2,000, 25 elements in an actions block, option text 75 and value 150, a view's title 24
 * and {@code private_metadata} 3,000, message text 40,000. Breaking one answers {@code invalid_blocks} (views:
 * {@code invalid_arguments}), as Slack does.</li>
 * <li>Rate limits: {@code chat.postMessage} about one message a second per channel with a short burst, other
 * writes by their tier; over the limit the answer is HTTP 429 with {@code Retry-After}.</li>
 * <li>State: messages posted get a unique {@code ts} and can be updated ({@code message_not_found} otherwise);
 * a DM posted to a user id lands in a {@code D…} channel; views opened with a trigger get an id and a hash;
 * {@code views.publish} sets a user's Home tab (type {@code home}, no modal-only fields), kept per user;
 * a trigger works once and for 3 seconds; a {@code response_url} works 5 times within 30 minutes.</li>
 * <li>Files: {@code files.getUploadURLExternal} (a {@code filename} and a {@code length} over 0) gives a file id and
 * an upload URL on this server; the upload must be exactly {@code length} bytes, once; {@code
 * files.completeUploadExternal} shares only uploaded files it issued, each once, into a channel id ({@code C…},
 * {@code D…}, {@code G…}; a user id is not a channel); {@code conversations.open} gives a user's DM channel.</li>
 * <li>Pictures: every block list and view that passes these limits is also drawn by the README's pictures renderer
 * ({@link SlackPage}); what it cannot draw is answered as Slack would, but kept for {@link SentBlocksAreDrawable},
 * which fails the test that sent it.</li>
 * </ul>
 * Tests read the messages and views back ({@link #message}, {@link #messages}, {@link #view}) to click what a
 * person would see. Stubs that a test adds itself (an error, a 429) still pass the limits first, and are answered
 * as the test says; only the default stubs, marked with {@link #STATEFUL}, are answered from the state kept here.
 */
public class FakeSlack implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-slack";
    /** Transformer parameter that marks a default stub answered from this stand-in's state. */
    public static final String STATEFUL = "fake-slack-stateful";

    static final Duration TRIGGER_LIFETIME = Duration.ofSeconds(3);
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);
    static final int RESPONSE_URL_USES = 5;

    private static final Gson GSON = new Gson();

    /** A message as Slack keeps it. */
    public record Message(String channel, String ts, String text, JsonArray blocks) {
    }

    /** A file shared with {@code files.completeUploadExternal}: where, its title, the words with it, its bytes. */
    public record SharedFile(String id, String filename, String title, String channel, String comment,
            byte[] content) {
    }

    /** A file as Slack keeps it between getUploadURLExternal and completeUploadExternal. */
    private static final class Upload {
        final String id;
        final String filename;
        final int length;
        volatile byte[] content;
        volatile boolean completed;

        Upload(String id, String filename, int length) {
            this.id = id;
            this.filename = filename;
            this.length = length;
        }
    }

    /** A view (modal or Home) as Slack keeps it. */
    public record View(String id, String hash, String triggerId, JsonObject json) {
    }

    private final Map<String, Message> messages = new ConcurrentHashMap<>();
    private final Map<String, View> views = new ConcurrentHashMap<>();
    /** The Home tab each user sees now, by user id ({@code views.publish}). */
    private final Map<String, View> homes = new ConcurrentHashMap<>();
    private final Map<String, Long> triggers = new ConcurrentHashMap<>();
    private final Set<String> usedTriggers = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> responseUrls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> responseUrlUses = new ConcurrentHashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong tsCounter = new AtomicLong();
    private final AtomicLong viewCounter = new AtomicLong();
    private final AtomicLong fileCounter = new AtomicLong();
    /** By upload URL path, and by file id. */
    private final Map<String, Upload> uploadsByPath = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploadsById = new ConcurrentHashMap<>();
    private final List<SharedFile> shared = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> rejections = new ArrayList<>();
    /** Not emptied by {@link #reset()}: a payload sent late by one test still fails the next one, not nobody. */
    private final List<String> undrawable = new ArrayList<>();
    private volatile boolean rateLimits = true;
    private volatile boolean drawing = true;
    private volatile Consumer<byte[]> onUpload = bytes -> { };

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    public synchronized void reset() {
        messages.clear();
        views.clear();
        homes.clear();
        triggers.clear();
        usedTriggers.clear();
        responseUrls.clear();
        responseUrlUses.clear();
        buckets.clear();
        rejections.clear();
        uploadsByPath.clear();
        uploadsById.clear();
        shared.clear();
        rateLimits = true;
        drawing = true;
        onUpload = bytes -> { };
    }

    /**
     * Runs {@code look} with the bytes of each upload while the uploader still waits for the answer, so a test can
     * see what the bot has on its side at that moment. Until the next {@link #reset()}.
     */
    public void onUpload(Consumer<byte[]> look) {
        this.onUpload = look;
    }

    /** The benchmark measures the bot, not Slack's limits: it may switch them off. Tests never do. */
    public void rateLimits(boolean on) {
        this.rateLimits = on;
    }

    /**
     * The benchmark shares two cores with the bot: it may switch off drawing every payload with the pictures'
     * renderer, which is a check of the test suite, not something Slack does. Block validation stays on.
     */
    public void drawing(boolean on) {
        this.drawing = on;
    }

    // ---- what tests read back -----------------------------------------------------------------------------------

    public Optional<Message> message(String channel, String ts) {
        return Optional.ofNullable(messages.get(channel + "/" + ts));
    }

    /** Every message as it is now, oldest first. */
    public List<Message> messages() {
        List<Message> all = new ArrayList<>(messages.values());
        all.sort((a, b) -> a.ts().compareTo(b.ts()));
        return all;
    }

    /** Every view opened, as it is now. */
    public List<View> views() {
        return List.copyOf(views.values());
    }

    public Optional<View> view(String id) {
        return Optional.ofNullable(views.get(id));
    }

    /** The Home tab this user sees now: the last view published to them ({@code views.publish}). */
    public Optional<View> home(String userId) {
        return Optional.ofNullable(homes.get(userId));
    }

    /** The views opened with this trigger (a click's or a command's). */
    public Optional<View> viewOpenedWith(String triggerId) {
        return views.values().stream().filter(v -> triggerId.equals(v.triggerId())).findFirst();
    }

    /** Every file shared so far, in the order it was shared. */
    public List<SharedFile> sharedFiles() {
        return List.copyOf(shared);
    }

    /** Why calls were refused (invalid blocks, rate limits), for a failing test's message. */
    public synchronized List<String> rejections() {
        return List.copyOf(rejections);
    }

    /** What the pictures' renderer could not draw since the last call, and why; emptied by this call. */
    public synchronized List<String> takeUndrawable() {
        List<String> taken = List.copyOf(undrawable);
        undrawable.clear();
        return taken;
    }

    /** A trigger Slack just issued with a command or a click: valid once, for 3 seconds. */
    public void issueTrigger(String triggerId) {
        triggers.put(triggerId, System.nanoTime());
    }

    /** A response_url Slack just issued: valid 5 times within 30 minutes of {@code issuedAgo} ago. */
    public void issueResponseUrl(String path, Duration issuedAgo) {
        responseUrls.put(path, System.nanoTime() - issuedAgo.toNanos());
    }

    /** The channel of the app's DM with a user, as Slack names it. */
    public static String dmChannel(String userId) {
        return "D" + userId;
    }

    // ---- the platform -------------------------------------------------------------------------------------------

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String path = event.getRequest().getUrl();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        boolean stateful = event.getTransformerParameters() != null
                && event.getTransformerParameters().containsKey(STATEFUL);
        if (path.startsWith("/respond/")) {
            draw("response_url", form(event.getRequest().getBodyAsString()));
            return responseUrl(path, event.getResponseDefinition(), stateful);
        }
        if (path.startsWith(UPLOAD_PATH)) {
            return stateful ? upload(path, event.getRequest().getBody()) : event.getResponseDefinition();
        }
        if (!path.startsWith("/api/")) {
            return event.getResponseDefinition();
        }
        String method = path.substring("/api/".length());
        Map<String, String> form = form(event.getRequest().getBodyAsString());
        Optional<String> invalid = validate(method, form);
        if (invalid.isPresent()) {
            reject(method + ": " + invalid.get());
            String error = method.startsWith("views.") ? "invalid_arguments" : "invalid_blocks";
            return json(200, Map.of("ok", false, "error", error, "response_metadata",
                    Map.of("messages", List.of("[ERROR] " + invalid.get()))));
        }
        draw(method, form);
        Optional<Duration> limited = rateLimited(method, form);
        if (limited.isPresent()) {
            reject(method + ": rate limited");
            return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                    .withHeader("Retry-After", String.valueOf(Math.max(1, limited.get().toSeconds())))
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}").build();
        }
        if (!stateful) {
            return event.getResponseDefinition();
        }
        return switch (method) {
            case "chat.postMessage" -> postMessage(form);
            case "chat.update" -> update(form);
            case "views.open" -> openView(form);
            case "views.update" -> updateView(form);
            case "views.publish" -> publishView(form);
            case "conversations.open" -> openConversation(form);
            case "files.getUploadURLExternal" -> uploadUrl(form, baseUrl(event));
            case "files.completeUploadExternal" -> completeUpload(form);
            default -> event.getResponseDefinition();
        };
    }

    private synchronized void reject(String why) {
        rejections.add(why);
    }

    /**
     * Draws what the bot sent with the README's pictures renderer, so every block type the bot sends anywhere in the
     * test suite is one the pictures can show. Slack itself would accept a type the renderer does not know, so the
     * call is answered as usual; the test fails afterwards, with the renderer's own message.
     */
    void draw(String method, Map<String, String> form) {
        if (!drawing) {
            return;
        }
        try {
            if (method.startsWith("views.") && form.containsKey("view")) {
                SlackPage.checkView(JsonParser.parseString(form.get("view")).getAsJsonObject());
            } else if (form.containsKey("blocks")) {
                SlackPage.check(blocksOf(form));
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                undrawable.add(method + ": " + (e instanceof UnknownBlockKitType
                        ? e.getMessage() : "the renderer failed with " + e));
            }
        }
    }

    private ResponseDefinition postMessage(Map<String, String> form) {
        String channel = form.getOrDefault("channel", "");
        if (channel.isEmpty()) {
            return json(200, Map.of("ok", false, "error", "channel_not_found"));
        }
        if (channel.startsWith("U") || channel.startsWith("W")) {
            channel = dmChannel(channel);
        }
        String ts = String.format("1700000000.%06d", tsCounter.incrementAndGet());
        JsonArray blocks = blocksOf(form);
        messages.put(channel + "/" + ts, new Message(channel, ts, form.getOrDefault("text", ""), blocks));
        return json(200, Map.of("ok", true, "channel", channel, "ts", ts,
                "message", Map.of("type", "message", "text", form.getOrDefault("text", ""), "ts", ts)));
    }

    private ResponseDefinition update(Map<String, String> form) {
        String key = form.getOrDefault("channel", "") + "/" + form.getOrDefault("ts", "");
        Message old = messages.get(key);
        if (old == null) {
            return json(200, Map.of("ok", false, "error", "message_not_found"));
        }
        messages.put(key, new Message(old.channel(), old.ts(), form.getOrDefault("text", old.text()),
                form.containsKey("blocks") ? blocksOf(form) : old.blocks()));
        return json(200, Map.of("ok", true, "channel", old.channel(), "ts", old.ts(), "text",
                form.getOrDefault("text", "")));
    }

    private ResponseDefinition openView(Map<String, String> form) {
        String trigger = form.getOrDefault("trigger_id", "");
        Long issued = triggers.get(trigger);
        if (issued == null) {
            return json(200, Map.of("ok", false, "error", "invalid_trigger_id"));
        }
        if (System.nanoTime() - issued > TRIGGER_LIFETIME.toNanos() || !usedTriggers.add(trigger)) {
            return json(200, Map.of("ok", false, "error", "expired_trigger_id"));
        }
        JsonObject view = JsonParser.parseString(form.get("view")).getAsJsonObject();
        String id = "V" + String.format("%08d", viewCounter.incrementAndGet());
        String hash = "hash-" + id + "-1";
        view.addProperty("id", id);
        view.addProperty("hash", hash);
        views.put(id, new View(id, hash, trigger, view));
        return json(200, Map.of("ok", true, "view", GSON.fromJson(view, Map.class)));
    }

    private ResponseDefinition updateView(Map<String, String> form) {
        View old = views.get(form.getOrDefault("view_id", ""));
        if (old == null) {
            return json(200, Map.of("ok", false, "error", "not_found"));
        }
        if (form.containsKey("hash") && !form.get("hash").equals(old.hash())) {
            return json(200, Map.of("ok", false, "error", "hash_conflict"));
        }
        JsonObject view = JsonParser.parseString(form.get("view")).getAsJsonObject();
        String hash = "hash-" + old.id() + "-" + (Integer.parseInt(old.hash().substring(old.hash()
                .lastIndexOf('-') + 1)) + 1);
        view.addProperty("id", old.id());
        view.addProperty("hash", hash);
        views.put(old.id(), new View(old.id(), hash, old.triggerId(), view));
        return json(200, Map.of("ok", true, "view", GSON.fromJson(view, Map.class)));
    }

    /**
     * {@code views.publish}: the user's Home tab becomes this view (type {@code home} only; a modal is opened, not
     * published). Slack keeps one Home view per user and app, with its id, and a new hash each time.
     */
    private ResponseDefinition publishView(Map<String, String> form) {
        String user = form.getOrDefault("user_id", "");
        if (!user.startsWith("U") && !user.startsWith("W")) {
            reject("views.publish: user_id " + user + " is not a user");
            return json(200, Map.of("ok", false, "error", "invalid_arguments"));
        }
        JsonObject view = JsonParser.parseString(form.get("view")).getAsJsonObject();
        if (!"home".equals(str(view, "type"))) {
            reject("views.publish: a " + str(view, "type") + " view");
            return json(200, Map.of("ok", false, "error", "invalid_arguments"));
        }
        View old = homes.get(user);
        if (form.containsKey("hash") && (old == null || !form.get("hash").equals(old.hash()))) {
            return json(200, Map.of("ok", false, "error", "hash_conflict"));
        }
        String id = old == null ? "V" + String.format("%08d", viewCounter.incrementAndGet()) : old.id();
        String hash = "hash-" + id + "-p" + viewCounter.incrementAndGet();
        view.addProperty("id", id);
        view.addProperty("hash", hash);
        homes.put(user, new View(id, hash, null, view));
        return json(200, Map.of("ok", true, "view", GSON.fromJson(view, Map.class)));
    }

    // ---- files --------------------------------------------------------------------------------------------------

    /** Where upload URLs point (Slack's are on files.slack.com; these are on this server). */
    public static final String UPLOAD_PATH = "/upload/v1/";

    private static String baseUrl(ServeEvent event) {
        String absolute = event.getRequest().getAbsoluteUrl();
        return absolute.substring(0, absolute.indexOf('/', absolute.indexOf("//") + 2));
    }

    private ResponseDefinition openConversation(Map<String, String> form) {
        String users = form.getOrDefault("users", "");
        if (users.isEmpty() && !form.containsKey("channel")) {
            return json(200, Map.of("ok", false, "error", "users_list_not_supplied"));
        }
        if (users.contains(",")) {
            // A group DM: this bot never opens one.
            return json(200, Map.of("ok", false, "error", "not_supported_in_test_stand_in"));
        }
        return json(200, Map.of("ok", true, "channel", Map.of("id", dmChannel(users))));
    }

    private ResponseDefinition uploadUrl(Map<String, String> form, String base) {
        String filename = form.getOrDefault("filename", "");
        int length;
        try {
            length = Integer.parseInt(form.getOrDefault("length", ""));
        } catch (NumberFormatException e) {
            return json(200, Map.of("ok", false, "error", "invalid_arguments"));
        }
        if (filename.isBlank() || length <= 0) {
            // Slack: "Typically only occurs when the length provided is 0."
            return json(200, Map.of("ok", false, "error", "missing_argument"));
        }
        String id = String.format("F%09d", fileCounter.incrementAndGet());
        String path = UPLOAD_PATH + id + "-" + java.util.UUID.randomUUID();
        Upload upload = new Upload(id, filename, length);
        uploadsByPath.put(path, upload);
        uploadsById.put(id, upload);
        return json(200, Map.of("ok", true, "upload_url", base + path, "file_id", id));
    }

    private ResponseDefinition upload(String path, byte[] body) {
        Upload upload = uploadsByPath.get(path);
        if (upload == null) {
            reject(path + ": no such upload URL");
            return ResponseDefinitionBuilder.responseDefinition().withStatus(404).withBody("not found").build();
        }
        synchronized (upload) {
            if (upload.content != null) {
                reject(path + ": uploaded twice");
                return ResponseDefinitionBuilder.responseDefinition().withStatus(400).withBody("already uploaded")
                        .build();
            }
            if (body == null || body.length != upload.length) {
                reject(path + ": " + (body == null ? 0 : body.length) + " bytes, announced " + upload.length);
                return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                        .withBody("length mismatch").build();
            }
            upload.content = body.clone();
        }
        onUpload.accept(body);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withBody("OK - " + body.length)
                .build();
    }

    private ResponseDefinition completeUpload(Map<String, String> form) {
        JsonArray files;
        try {
            files = JsonParser.parseString(form.getOrDefault("files", "")).getAsJsonArray();
        } catch (RuntimeException e) {
            return json(200, Map.of("ok", false, "error", "invalid_arguments"));
        }
        if (files.isEmpty()) {
            return json(200, Map.of("ok", false, "error", "invalid_arguments"));
        }
        String channel = form.get("channel_id");
        if (channel != null && !(channel.startsWith("C") || channel.startsWith("D") || channel.startsWith("G"))) {
            reject("files.completeUploadExternal: " + channel + " is not a channel id");
            return json(200, Map.of("ok", false, "error", "channel_not_found"));
        }
        List<Upload> uploads = new ArrayList<>();
        for (JsonElement f : files) {
            String id = f.getAsJsonObject().has("id") ? f.getAsJsonObject().get("id").getAsString() : "";
            Upload upload = uploadsById.get(id);
            if (upload == null || upload.content == null) {
                reject("files.completeUploadExternal: " + id + (upload == null ? " unknown" : " not uploaded"));
                return json(200, Map.of("ok", false, "error", "file_not_found"));
            }
            uploads.add(upload);
        }
        List<Map<String, Object>> answered = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            Upload upload = uploads.get(i);
            synchronized (upload) {
                if (upload.completed) {
                    reject("files.completeUploadExternal: " + upload.id + " completed twice");
                    return json(200, Map.of("ok", false, "error", "file_not_found"));
                }
                upload.completed = true;
            }
            JsonObject f = files.get(i).getAsJsonObject();
            String title = f.has("title") ? f.get("title").getAsString() : upload.filename;
            if (channel != null) {
                shared.add(new SharedFile(upload.id, upload.filename, title, channel, form.get("initial_comment"),
                        upload.content));
            }
            answered.add(Map.of("id", upload.id, "name", upload.filename, "title", title, "size", upload.length));
        }
        return json(200, Map.of("ok", true, "files", answered));
    }

    /** Replaces a view as Slack does after a submission answered with {@code response_action: update}. */
    public void replaceView(String id, JsonObject view) {
        View old = views.get(id);
        String hash = "hash-" + id + "-s" + viewCounter.incrementAndGet();
        view.addProperty("id", id);
        view.addProperty("hash", hash);
        views.put(id, new View(id, hash, old == null ? null : old.triggerId(), view));
    }

    private ResponseDefinition responseUrl(String path, ResponseDefinition stubbed, boolean stateful) {
        Long issued = responseUrls.get(path);
        if (issued != null) {
            int uses = responseUrlUses.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (System.nanoTime() - issued > RESPONSE_URL_LIFETIME.toNanos()) {
                reject(path + ": expired");
                return json(404, Map.of("ok", false, "error", "expired_url"));
            }
            if (uses > RESPONSE_URL_USES) {
                reject(path + ": used more than " + RESPONSE_URL_USES + " times");
                return json(404, Map.of("ok", false, "error", "used_url"));
            }
        }
        return stubbed;
    }

    // ---- rate limits --------------------------------------------------------------------------------------------

    private static final class Bucket {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long at = System.nanoTime();

        Bucket(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
        }

        /** Empty when a call may go now; otherwise how long until one may. */
        synchronized Optional<Duration> take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - at) / 1e9 * perSecond);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / perSecond * 1000)));
        }
    }

    private Optional<Duration> rateLimited(String method, Map<String, String> form) {
        if (!rateLimits) {
            return Optional.empty();
        }
        Bucket bucket = switch (method) {
            // "Generally one message per second per channel, with short bursts allowed."
            case "chat.postMessage" -> buckets.computeIfAbsent("post " + form.getOrDefault("channel", ""),
                    k -> new Bucket(4, 1));
            // Tier 3: 50+ per minute per workspace.
            case "chat.update", "views.update", "views.publish" -> buckets.computeIfAbsent(method,
                    k -> new Bucket(20, 50 / 60.0));
            // Tier 4: 100+ per minute.
            case "views.open", "users.info", "files.getUploadURLExternal", "files.completeUploadExternal" ->
                    buckets.computeIfAbsent(method, k -> new Bucket(50, 100 / 60.0));
            case "conversations.open" -> buckets.computeIfAbsent(method, k -> new Bucket(20, 50 / 60.0));
            default -> null;
        };
        return bucket == null ? Optional.empty() : bucket.take();
    }

    // ---- Block Kit limits ---------------------------------------------------------------------------------------

    private static JsonArray blocksOf(Map<String, String> form) {
        String blocks = form.get("blocks");
        return blocks == null || blocks.isEmpty() ? new JsonArray() : JsonParser.parseString(blocks).getAsJsonArray();
    }

    private Optional<String> validate(String method, Map<String, String> form) {
        try {
            List<String> problems = new ArrayList<>();
            switch (method) {
                case "chat.postMessage", "chat.update", "chat.postEphemeral" -> {
                    String text = form.get("text");
                    if (text != null && text.length() > 40_000) {
                        return Optional.of("msg_too_long: text of " + text.length() + " characters");
                    }
                    if (form.containsKey("blocks")) {
                        blocks(blocksOf(form), 50, false, "blocks", problems);
                    } else if (text == null || text.isEmpty()) {
                        problems.add("no_text: neither text nor blocks");
                    }
                }
                case "views.open", "views.update", "views.push", "views.publish" -> {
                    if (!form.containsKey("view")) {
                        problems.add("view is required");
                    } else {
                        view(JsonParser.parseString(form.get("view")).getAsJsonObject(), problems);
                    }
                }
                default -> {
                    // nothing to check
                }
            }
            return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
        } catch (RuntimeException e) {
            return Optional.of("unreadable JSON: " + e.getClass().getSimpleName());
        }
    }

    /** What Slack would refuse in this view (empty when nothing): for tests of a builder without the HTTP round trip. */
    public static List<String> viewProblems(JsonObject view) {
        List<String> problems = new ArrayList<>();
        view(view, problems);
        return problems;
    }

    private static void view(JsonObject view, List<String> problems) {
        String type = str(view, "type");
        if (!"modal".equals(type) && !"home".equals(type)) {
            problems.add("view.type must be modal or home, got " + type);
        }
        if ("home".equals(type)) {
            for (String modalOnly : List.of("submit", "close", "clear_on_close", "notify_on_close")) {
                if (view.has(modalOnly) && !view.get(modalOnly).isJsonNull()) {
                    problems.add("view." + modalOnly + " is for modals, not a Home tab");
                }
            }
        }
        if ("modal".equals(type)) {
            textObject(view.get("title"), 24, true, "view.title", problems);
            if (view.has("submit")) {
                textObject(view.get("submit"), 24, true, "view.submit", problems);
            }
            if (view.has("close")) {
                textObject(view.get("close"), 24, true, "view.close", problems);
            }
        }
        if (view.has("private_metadata") && str(view, "private_metadata").length() > 3000) {
            problems.add("view.private_metadata over 3000 characters");
        }
        if (view.has("callback_id") && str(view, "callback_id").length() > 255) {
            problems.add("view.callback_id over 255 characters");
        }
        blocks(view.has("blocks") ? view.getAsJsonArray("blocks") : new JsonArray(), 100, true, "view.blocks",
                problems);
    }

    private static void blocks(JsonArray blocks, int max, boolean inView, String where, List<String> problems) {
        if (blocks.size() > max) {
            problems.add(where + ": " + blocks.size() + " blocks, at most " + max);
        }
        Set<String> blockIds = new HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            JsonObject block = blocks.get(i).getAsJsonObject();
            String at = where + "[" + i + "]";
            String type = str(block, "type");
            if (block.has("block_id")) {
                String id = str(block, "block_id");
                if (id.length() > 255) {
                    problems.add(at + ".block_id over 255 characters");
                }
                if (!blockIds.add(id)) {
                    problems.add(at + ".block_id " + id + " is not unique");
                }
            }
            switch (type) {
                case "section" -> {
                    if (!block.has("text") && !block.has("fields")) {
                        problems.add(at + ": a section needs text or fields");
                    }
                    if (block.has("text")) {
                        textObject(block.get("text"), 3000, false, at + ".text", problems);
                    }
                    if (block.has("fields")) {
                        JsonArray fields = block.getAsJsonArray("fields");
                        if (fields.size() > 10) {
                            problems.add(at + ".fields: more than 10");
                        }
                        for (int f = 0; f < fields.size(); f++) {
                            textObject(fields.get(f), 2000, false, at + ".fields[" + f + "]", problems);
                        }
                    }
                    if (block.has("accessory")) {
                        element(block.getAsJsonObject("accessory"), at + ".accessory", problems);
                    }
                }
                case "header" -> textObject(block.get("text"), 150, true, at + ".text", problems);
                case "divider" -> {
                    // nothing to check
                }
                case "context" -> {
                    JsonArray elements = block.getAsJsonArray("elements");
                    if (elements == null || elements.isEmpty() || elements.size() > 10) {
                        problems.add(at + ".elements: 1 to 10 required");
                    } else {
                        for (int e = 0; e < elements.size(); e++) {
                            JsonObject element = elements.get(e).getAsJsonObject();
                            if (!"image".equals(str(element, "type"))) {
                                textObject(element, 3000, false, at + ".elements[" + e + "]", problems);
                            }
                        }
                    }
                }
                case "actions" -> {
                    JsonArray elements = block.getAsJsonArray("elements");
                    if (elements == null || elements.isEmpty() || elements.size() > 25) {
                        problems.add(at + ".elements: 1 to 25 required");
                    } else {
                        for (int e = 0; e < elements.size(); e++) {
                            element(elements.get(e).getAsJsonObject(), at + ".elements[" + e + "]", problems);
                        }
                    }
                }
                case "input" -> {
                    if (!inView) {
                        problems.add(at + ": input blocks belong in views");
                    }
                    textObject(block.get("label"), 2000, true, at + ".label", problems);
                    if (block.has("hint")) {
                        textObject(block.get("hint"), 2000, true, at + ".hint", problems);
                    }
                    if (!block.has("element")) {
                        problems.add(at + ": an input needs an element");
                    } else {
                        element(block.getAsJsonObject("element"), at + ".element", problems);
                    }
                }
                case "rich_text", "image" -> {
                    // accepted as they are
                }
                default -> problems.add(at + ": unknown block type " + type);
            }
        }
    }

    private static void element(JsonObject element, String at, List<String> problems) {
        String type = str(element, "type");
        if (element.has("action_id") && str(element, "action_id").length() > 255) {
            problems.add(at + ".action_id over 255 characters");
        }
        switch (type) {
            case "button" -> {
                textObject(element.get("text"), 75, true, at + ".text", problems);
                if (element.has("value") && str(element, "value").length() > 2000) {
                    problems.add(at + ".value over 2000 characters");
                }
                if (element.has("style") && !List.of("primary", "danger").contains(str(element, "style"))) {
                    problems.add(at + ".style must be primary or danger");
                }
                if (element.has("confirm")) {
                    confirm(element.getAsJsonObject("confirm"), at + ".confirm", problems);
                }
            }
            case "static_select", "radio_buttons" -> {
                JsonArray options = element.getAsJsonArray("options");
                if (options == null || options.isEmpty() || options.size() > 100) {
                    problems.add(at + ".options: 1 to 100 required");
                    return;
                }
                Set<String> values = new HashSet<>();
                for (int o = 0; o < options.size(); o++) {
                    JsonObject option = options.get(o).getAsJsonObject();
                    textObject(option.get("text"), 75, "static_select".equals(type), at + ".options[" + o + "].text",
                            problems);
                    String value = str(option, "value");
                    if (value.length() > 150) {
                        problems.add(at + ".options[" + o + "].value over 150 characters");
                    }
                    values.add(value);
                }
                if (element.has("initial_option")
                        && !values.contains(str(element.getAsJsonObject("initial_option"), "value"))) {
                    problems.add(at + ".initial_option is not one of the options");
                }
            }
            case "plain_text_input" -> {
                for (String limit : List.of("max_length", "min_length")) {
                    if (element.has(limit) && element.get(limit).getAsInt() > 3000) {
                        problems.add(at + "." + limit + " over 3000");
                    }
                }
            }
            default -> problems.add(at + ": unknown element type " + type);
        }
    }

    /** A confirmation dialog: title 100, text 300, confirm and deny 30 characters of plain text. */
    private static void confirm(JsonObject dialog, String at, List<String> problems) {
        textObject(dialog.get("title"), 100, true, at + ".title", problems);
        textObject(dialog.get("text"), 300, false, at + ".text", problems);
        textObject(dialog.get("confirm"), 30, true, at + ".confirm", problems);
        textObject(dialog.get("deny"), 30, true, at + ".deny", problems);
        if (dialog.has("style") && !List.of("primary", "danger").contains(str(dialog, "style"))) {
            problems.add(at + ".style must be primary or danger");
        }
    }

    private static void textObject(JsonElement text, int max, boolean plainOnly, String at, List<String> problems) {
        if (text == null || !text.isJsonObject()) {
            problems.add(at + ": a text object is required");
            return;
        }
        JsonObject object = text.getAsJsonObject();
        String type = str(object, "type");
        if (!"plain_text".equals(type) && !"mrkdwn".equals(type)) {
            problems.add(at + ".type must be plain_text or mrkdwn");
        }
        if (plainOnly && !"plain_text".equals(type)) {
            problems.add(at + " must be plain_text");
        }
        if (object.has("verbatim") && !"mrkdwn".equals(type)) {
            problems.add(at + ".verbatim is only for mrkdwn");
        }
        if (object.has("emoji") && !"plain_text".equals(type)) {
            problems.add(at + ".emoji is only for plain_text");
        }
        String value = str(object, "text");
        if (value.isEmpty()) {
            problems.add(at + ".text must not be empty");
        }
        if (value.length() > max) {
            problems.add(at + ".text is " + value.length() + " characters, at most " + max);
        }
    }

    private static String str(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    static Map<String, String> form(String body) {
        Map<String, String> map = new LinkedHashMap<>();
        if (body == null || body.isEmpty() || body.startsWith("{")) {
            return body != null && body.startsWith("{") ? jsonForm(body) : map;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            map.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return map;
    }

    private static Map<String, String> jsonForm(String body) {
        Map<String, String> map = new HashMap<>();
        JsonObject json = JsonParser.parseString(body).getAsJsonObject();
        json.entrySet().forEach(e -> map.put(e.getKey(), e.getValue().isJsonPrimitive()
                ? e.getValue().getAsString() : e.getValue().toString()));
        return map;
    }

    private static ResponseDefinition json(int status, Map<String, ?> body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(GSON.toJson(body)).build();
    }
}
