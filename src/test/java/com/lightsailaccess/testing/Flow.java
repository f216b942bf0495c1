package com.lightsailaccess.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonElement;
import com.lightsailaccess.iam.IamAccount;
import com.lightsailaccess.iam.IamGroup;
import io.quarkus.arc.Arc;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** The steps people take, as signed requests, and what tests read back from the stand-ins. */
public final class Flow {

    /** The person most tests grant access to, and the IAM user name the bot derives from her e-mail. */
    public static final String ALICE = "U0ALICE";
    public static final String ALICE_IAM = "alice@example.com";

    private static final AtomicLong ACTION_TS = new AtomicLong(1_700_000_100_000L);

    private final Db db;

    public Flow(Db db) {
        this.db = db;
    }

    /** A flow on emptied stand-ins, with Alice known to Slack's users.info. */
    public static Flow fresh(Db db) {
        Flow flow = new Flow(db);
        flow.reset();
        SlackApiResource.person(ALICE, ALICE_IAM);
        return flow;
    }

    /** Empties the database and both stand-ins. */
    public void reset() {
        db.reset();
        SlackApiResource.resetToDefaults();
        IamResource.reset();
        // The fake account is new for every test: the bot must not remember the last one's group.
        Arc.container().instance(IamAccount.class).get().forgetAccountFacts();
        Arc.container().instance(IamGroup.class).get().forgetReadyGroup();
    }

    /** Files a request with the slash command and waits for its approval message; returns the request id. */
    public long file(String user, String text) {
        Slack.send(Slack.command("/lightsail-access", user, text)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from access_request "
                + "where requester_id = ? and approval_ts is not null and state = 'pending'", user) == 1);
        return db.count("select id from access_request where requester_id = ? and state = 'pending'", user);
    }

    /** Files a request, has an admin approve it, and waits until access is active. */
    public long grant(String user, String text) {
        long id = file(user, text);
        approve(id);
        awaitState(id, "active");
        return id;
    }

    /** An admin clicks Approve. */
    public void approve(long id) {
        Slack.send(click(SlackApiResource.ADMIN, "lightsail_approve", id)).statusCode(200);
    }

    /**
     * A click by {@code user} on the {@code actionId} button that concerns request {@code requestId}, built from the
     * newest message showing one (the approval message, a departure notice, a DM), as Slack would send it.
     */
    public static String click(String user, String actionId, long requestId) {
        return Slack.click(user, messageWithButton(actionId, requestId), actionId, concerns(requestId), Map.of());
    }

    /**
     * The newest message that shows an {@code actionId} button for this request, waiting (10 s at most) for the bot
     * to show it, as a person waits for the message to change; fails when none does.
     */
    public static FakeSlack.Message messageWithButton(String actionId, long requestId) {
        try {
            return await().atMost(Duration.ofSeconds(10)).until(() -> showing(actionId, requestId),
                    java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no message shows a " + actionId + " button for request #" + requestId);
        }
    }

    /** The newest message that shows an {@code actionId} button for this request now, or null. */
    public static FakeSlack.Message messageWithButtonNow(String actionId, long requestId) {
        return showing(actionId, requestId);
    }

    private static FakeSlack.Message showing(String actionId, long requestId) {
        List<FakeSlack.Message> all = SlackApiResource.fake().messages();
        for (int i = all.size() - 1; i >= 0; i--) {
            FakeSlack.Message m = all.get(i);
            if (buttonValues(m, actionId).stream().anyMatch(concerns(requestId))) {
                return m;
            }
        }
        return null;
    }

    /** Whether a button's value names this request (the value may carry more after the id). */
    static Predicate<String> concerns(long requestId) {
        String id = String.valueOf(requestId);
        return value -> value != null && (value.equals(id) || value.startsWith(id + ":"));
    }

    /** The values of every {@code actionId} button a message shows. */
    public static List<String> buttonValues(FakeSlack.Message message, String actionId) {
        List<String> values = new ArrayList<>();
        message.blocks().forEach(b -> {
            var block = b.getAsJsonObject();
            List<JsonElement> elements = new ArrayList<>();
            if (block.has("elements") && "actions".equals(block.get("type").getAsString())) {
                block.getAsJsonArray("elements").forEach(elements::add);
            }
            if (block.has("accessory")) {
                elements.add(block.get("accessory"));
            }
            elements.stream().map(JsonElement::getAsJsonObject)
                    .filter(e -> e.has("action_id") && actionId.equals(e.get("action_id").getAsString()))
                    .forEach(e -> values.add(e.has("value") ? e.get("value").getAsString() : null));
        });
        return values;
    }

    /** {@code user} opens the app's Home tab; returns the Home view published to them once it shows. */
    public static FakeSlack.View openHome(String user) {
        String before = SlackApiResource.fake().home(user).map(FakeSlack.View::hash).orElse("");
        Slack.send(Slack.homeOpened(user)).statusCode(200);
        return awaitHome(user, v -> !v.hash().equals(before));
    }

    /** The Home tab of {@code user} once it satisfies {@code shows}, waiting 10 s at most, as a person would look. */
    public static FakeSlack.View awaitHome(String user, Predicate<FakeSlack.View> shows) {
        try {
            return await().atMost(Duration.ofSeconds(10)).until(() -> SlackApiResource.fake().home(user)
                    .filter(shows).orElse(null), java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the Home tab of " + user + " never showed what was expected; it shows "
                    + SlackApiResource.fake().home(user).map(v -> v.json().toString()).orElse("nothing"));
        }
    }

    /** A click by {@code user} on the {@code actionId} button for request {@code requestId} on their Home tab now. */
    public static String homeClick(String user, String actionId, long requestId) {
        FakeSlack.View home = SlackApiResource.fake().home(user).orElseThrow(() -> new AssertionError(
                user + " has no Home tab"));
        return Slack.homeClick(user, home, actionId, concerns(requestId));
    }

    /** The approval message of a request as people see it now. */
    public FakeSlack.Message approvalMessage(long requestId) {
        // Slack has the message a moment before the bot has recorded where it is (its answer carries the ts).
        try {
            return await().atMost(Duration.ofSeconds(10)).until(() -> recordedApprovalMessage(requestId),
                    java.util.Optional::isPresent).get();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("request #" + requestId + " has no approval message");
        }
    }

    private java.util.Optional<FakeSlack.Message> recordedApprovalMessage(long requestId) {
        List<List<Object>> row = db.rows("select approval_channel, approval_ts from access_request where id = ?",
                requestId);
        String channel = (String) row.get(0).get(0);
        String ts = (String) row.get(0).get(1);
        return ts == null ? java.util.Optional.empty() : SlackApiResource.fake().message(channel, ts);
    }

    public static String nextTs() {
        long n = ACTION_TS.incrementAndGet();
        return (n / 1000) + "." + String.format("%06d", n % 1000);
    }

    public String state(long id) {
        return (String) db.single("select state from access_request where id = ?", id);
    }

    public void awaitState(long id, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(state(id)));
    }

    public static List<LoggedRequest> iamCalls(String action) {
        return IamResource.server().findAll(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=" + action + "&")));
    }

    /** The HTTP statuses IAM answered to each call of {@code action}, in the order they were made. */
    public static List<Integer> iamAnswers(String action) {
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events = new ArrayList<>(
                IamResource.server().getAllServeEvents());
        java.util.Collections.reverse(events);
        return events.stream().filter(e -> e.getRequest().getBodyAsString().contains("Action=" + action + "&"))
                .map(e -> e.getResponse().getStatus()).toList();
    }

    /** How many calls of {@code action} IAM carried out (answered 200). */
    public static long iamSucceeded(String action) {
        return iamAnswers(action).stream().filter(status -> status == 200).count();
    }

    /** IAM actions that change something, in the order they were called. */
    public static List<String> changingIamActions() {
        return IamResource.server().findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(r -> params(r).get("Action"))
                .filter(a -> !(a.startsWith("Get") || a.startsWith("List")))
                .toList();
    }

    public static Map<String, String> params(LoggedRequest request) {
        Map<String, String> map = new HashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    public static List<LoggedRequest> dmsTo(String user) {
        return SlackApiResource.server().findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + user)));
    }

    /** Everything posted to the approval channel, readable. */
    public static List<String> approvalChannelPosts() {
        return SlackApiResource.server().findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL))).stream()
                .map(Slack::readable).toList();
    }

    public static List<String> responsesTo(String clicker) {
        return SlackApiResource.server().findAll(postRequestedFor(urlPathMatching("/respond/click-" + clicker
                        + "-\\d+")))
                .stream().map(LoggedRequest::getBodyAsString).toList();
    }

    public static String lastUpdate() {
        List<LoggedRequest> updates = SlackApiResource.server().findAll(
                postRequestedFor(urlPathEqualTo("/api/chat.update")));
        return updates.isEmpty() ? "" : Slack.readable(updates.get(updates.size() - 1));
    }
}
