package com.lightsailaccess.slack.notify;

import static com.lightsailaccess.slack.notify.SlackCallException.firstHeader;
import static com.lightsailaccess.slack.notify.SlackCallException.retryAfter;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.webhook.WebhookResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The outbound side of Slack: every message, update, DM and modal goes through here. It never waits for a
 * Retry-After itself (that would hold a worker thread); it reports it, and the job is scheduled for then.
 */
@ApplicationScoped
public class SlackNotifier {

    /** A response_url works for 30 minutes [api.slack.com/interactivity/handling#message_responses]. */
    static final Duration RESPONSE_URL_LIFETIME = Duration.ofMinutes(30);

    private static final Gson GSON = new Gson();

    private final MethodsClient client;
    private final SlackForms forms;
    private final Slack slack;
    private final String approvalChannel;
    private final ChannelPacer pacer;
    private final Clock clock;
    private final SlackCalls calls;

    public SlackNotifier(Slack slack, SlackSettings settings, Clock clock,
            SlackConnection connection) {
        this.slack = slack;
        this.client = slack.methods(settings.botToken());
        this.forms = new SlackForms(slack, client, settings.botToken());
        this.approvalChannel = settings.approvalChannel();
        this.pacer = new ChannelPacer(settings.postBurst(), settings.postInterval());
        this.clock = clock;
        this.calls = new SlackCalls(connection, settings.apiUrl());
    }

    /** Who the bot token belongs to ({@code auth.test}): the workspace's name and the bot user's; checks the token. */
    public String authTest() throws SlackCallException {
        var answer = call("auth.test", () -> client.authTest(r -> r));
        return "@" + answer.getUser() + " in " + answer.getTeam() + " (" + answer.getUrl() + ")";
    }

    public String approvalChannel() {
        return approvalChannel;
    }

    /**
     * Posts to the approval channel and returns the message's ts. Paced: when the channel has had its share of
     * posts this second, nothing is sent and the exception says how long to wait ({@link SlackCallException#paced}).
     */
    public String postToApprovalChannel(String fallback, List<LayoutBlock> blocks) throws SlackCallException {
        pace(approvalChannel);
        ChatPostMessageResponse response = call("chat.postMessage",
                () -> forms.postMessage(r -> r.channel(approvalChannel).text(fallback).blocks(blocks)
                        .unfurlLinks(false).unfurlMedia(false)));
        return response.getTs();
    }

    /** A plain-text post to the approval channel; paced like every post there. */
    public String postTextToApprovalChannel(String text) throws SlackCallException {
        pace(approvalChannel);
        return call("chat.postMessage", () -> forms.postMessage(r -> r.channel(approvalChannel).text(text)
                .unfurlLinks(false).unfurlMedia(false))).getTs();
    }

    private void pace(String channel) throws SlackCallException {
        Optional<Duration> wait = pacer.tryAcquire(channel);
        if (wait.isPresent()) {
            throw SlackCallException.paced("chat.postMessage", wait.get());
        }
    }

    public void update(String channel, String ts, String fallback, List<LayoutBlock> blocks)
            throws SlackCallException {
        call("chat.update", () -> forms.chatUpdate(r -> r.channel(channel).ts(ts).text(fallback).blocks(blocks)));
    }

    /**
     * A direct message from the bot; posting to a user id opens the app's DM with them. Returns where it landed
     * (the DM's channel id and the message's ts), for a later update.
     */
    public Posted directMessage(String userId, String fallback, List<LayoutBlock> blocks) throws SlackCallException {
        ChatPostMessageResponse response = call("chat.postMessage", () -> forms.postMessage(r -> r.channel(userId)
                .text(fallback).blocks(blocks).unfurlLinks(false).unfurlMedia(false)));
        return new Posted(response.getChannel(), response.getTs());
    }

    /** A message the bot posted: its channel and ts. */
    public record Posted(String channel, String ts) {
    }

    /** A plain-text direct message. */
    public void directMessage(String userId, String text) throws SlackCallException {
        call("chat.postMessage", () -> forms.postMessage(r -> r.channel(userId).text(text)
                .unfurlLinks(false).unfurlMedia(false)));
    }

    /** Opens a modal with a trigger (valid once, for 3 s) and returns the view's id. */
    public String openModal(String triggerId, View view) throws SlackCallException {
        return call("views.open", () -> client.viewsOpen(r -> r.triggerId(triggerId).view(view))).getView().getId();
    }

    /** Replaces an open modal's content (by the id {@link #openModal} gave). */
    public void updateModal(String viewId, View view) throws SlackCallException {
        call("views.update", () -> client.viewsUpdate(r -> r.viewId(viewId).view(view)));
    }

    /** Shows {@code view} (type {@code home}) as this person's App Home tab, replacing what was there. */
    public void publishHome(String userId, View view) throws SlackCallException {
        call("views.publish", () -> forms.viewsPublish(r -> r.userId(userId).view(view)));
    }

    /** The channel id of the app's DM with a person ({@code conversations.open} gives the same one every time). */
    public String directMessageChannel(String userId) throws SlackCallException {
        return call("conversations.open", () -> client.conversationsOpen(r -> r.users(List.of(userId))))
                .getChannel().getId();
    }

    /**
     * Shares a file in a channel with Slack's external upload: {@code files.getUploadURLExternal} (name and length),
     * a POST of the bytes to the URL it gives, then {@code files.completeUploadExternal} into the channel. Until the
     * last step the file is shared nowhere, so a failure half-way leaves nothing for anyone to see.
     */
    public void uploadFile(String channelId, String fileName, String title, byte[] content, String comment)
            throws SlackCallException {
        upload(channelId, fileName, title, content.length, RequestBody.create(content), comment);
    }

    /**
     * Shares a file as {@link #uploadFile(String, String, String, byte[], String)} does, its bytes sent from
     * {@code content} as they are read: a file of any size takes the memory of a buffer. Slack wants the length before
     * the bytes, so the file is complete before the upload starts.
     */
    public void uploadFile(String channelId, String fileName, String title, Path content, String comment)
            throws SlackCallException {
        int length;
        try {
            length = Math.toIntExact(Files.size(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upload(channelId, fileName, title, length, RequestBody.create(content.toFile(), null), comment);
    }

    private void upload(String channelId, String fileName, String title, int length, RequestBody bytes,
            String comment) throws SlackCallException {
        FilesGetUploadURLExternalResponse target = call("files.getUploadURLExternal",
                () -> client.filesGetUploadURLExternal(r -> r.filename(fileName).length(length)));
        // The upload URL is signed by Slack itself: no token goes with the bytes.
        Request upload = new Request.Builder().url(target.getUploadUrl()).post(bytes).build();
        try (okhttp3.Response response = slack.getHttpClient().getOkHttpClient().newCall(upload).execute()) {
            if (!response.isSuccessful()) {
                int code = response.code();
                throw new SlackCallException("file upload", "http_" + code, code == 429 || code >= 500,
                        retryAfter(response.header("Retry-After")));
            }
        } catch (IOException e) {
            throw calls.unreachable("file upload", SlackCalls.hostOf(target.getUploadUrl()), e);
        }
        call("files.completeUploadExternal", () -> client.filesCompleteUploadExternal(r -> r
                .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(target.getFileId())
                        .title(title).build()))
                .channelId(channelId).initialComment(comment)));
    }

    public User userInfo(String userId) throws SlackCallException {
        UsersInfoResponse response = call("users.info", () -> forms.usersInfo(r -> r.user(userId)));
        return response.getUser();
    }

    public List<String> usergroupMembers(String usergroupId) throws SlackCallException {
        return call("usergroups.users.list", () -> client.usergroupsUsersList(r -> r.usergroup(usergroupId)))
                .getUsers();
    }

    /**
     * An ephemeral answer through a command's response_url, or a DM when that URL cannot carry it any more: it
     * works for 30 minutes and 5 uses, and Slack answers 404 after that.
     */
    public void respondOrDirectMessage(String responseUrl, Instant issuedAt, String userId, String text)
            throws SlackCallException {
        if (responseUrl != null && issuedAt != null
                && issuedAt.plus(RESPONSE_URL_LIFETIME).minusSeconds(60).isAfter(clock.instant())) {
            try {
                respondEphemeral(responseUrl, text);
                return;
            } catch (SlackCallException e) {
                if (e.transientFailure()) {
                    throw e;
                }
                // Expired or used up: the person still has to hear it.
            }
        }
        directMessage(userId, text);
    }

    /** An ephemeral answer through a command's or a click's response_url (no bot token needed). */
    public void respondEphemeral(String responseUrl, String text) throws SlackCallException {
        if (responseUrl == null || responseUrl.isBlank()) {
            return;
        }
        try {
            WebhookResponse response = slack.send(responseUrl, GSON.toJson(Map.of("response_type", "ephemeral",
                    "replace_original", false, "text", text)));
            int code = response.getCode() == null ? 0 : response.getCode();
            if (code >= 300) {
                throw new SlackCallException("response_url", "http_" + code, code == 429 || code >= 500,
                        retryAfter(firstHeader(response.getHeaders(), "Retry-After")));
            }
        } catch (IOException e) {
            throw calls.unreachable("response_url", SlackCalls.hostOf(responseUrl), e);
        }
    }

    private <T extends SlackApiTextResponse> T call(String method, SlackCalls.Call<T> call) throws SlackCallException {
        return calls.call(method, call);
    }
}
