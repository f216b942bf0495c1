package com.lightsailaccess.slack.notify;

import com.google.gson.Gson;
import com.slack.api.RequestConfigurator;
import com.slack.api.Slack;
import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.request.users.UsersInfoRequest;
import com.slack.api.methods.request.views.ViewsPublishRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.util.json.GsonFactory;
import java.io.IOException;
import okhttp3.FormBody;

/**
 * The Web API calls made for every request, sent as the SDK sends them and read with one Gson.
 */
final class SlackForms {

    private final Slack slack;
    private final MethodsClient client;
    private final String botTokenSecret;
    private final Gson snakeCase;

    SlackForms(Slack slack, MethodsClient client, String botTokenSecret) {
        this.slack = slack;
        this.client = client;
        this.botTokenSecret = botTokenSecret;
        this.snakeCase = GsonFactory.createSnakeCase(slack.getConfig());
    }

    /*
     * The SDK's own methods (client.chatPostMessage and the rest) build a new Gson for every answer they read, and
     * with it, by reflection, every type adapter of the answer's classes. For chat.postMessage, whose answer echoes
     * the whole message, that was the largest single cost of a request in the bot's CPU profile. The calls made for
     * every request go through these instead: the same form, sent by the same client with the same token, read by
     * one Gson made once by the SDK's own factory.
     */

    ChatPostMessageResponse postMessage(
            RequestConfigurator<ChatPostMessageRequest.ChatPostMessageRequestBuilder> request)
            throws IOException, SlackApiException {
        return post(Methods.CHAT_POST_MESSAGE, RequestFormBuilder.toForm(request.configure(
                ChatPostMessageRequest.builder()).build()), ChatPostMessageResponse.class);
    }

    ChatUpdateResponse chatUpdate(RequestConfigurator<ChatUpdateRequest.ChatUpdateRequestBuilder> request)
            throws IOException, SlackApiException {
        return post(Methods.CHAT_UPDATE, RequestFormBuilder.toForm(request.configure(ChatUpdateRequest.builder())
                .build()), ChatUpdateResponse.class);
    }

    UsersInfoResponse usersInfo(RequestConfigurator<UsersInfoRequest.UsersInfoRequestBuilder> request)
            throws IOException, SlackApiException {
        return post(Methods.USERS_INFO, RequestFormBuilder.toForm(request.configure(UsersInfoRequest.builder())
                .build()), UsersInfoResponse.class);
    }

    ViewsPublishResponse viewsPublish(
            RequestConfigurator<ViewsPublishRequest.ViewsPublishRequestBuilder> request)
            throws IOException, SlackApiException {
        return post(Methods.VIEWS_PUBLISH, RequestFormBuilder.toForm(request.configure(ViewsPublishRequest.builder())
                .build()), ViewsPublishResponse.class);
    }

    /** A Web API call whose answer is read with {@link #snakeCase}; a non-2xx status throws as the SDK's would. */
    private <T extends SlackApiTextResponse> T post(String method, FormBody.Builder form, Class<T> type)
            throws IOException, SlackApiException {
        try (okhttp3.Response response = client.runPostFormWithToken(form, method, botTokenSecret)) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(slack.getConfig(), response, body);
            }
            return snakeCase.fromJson(body, type);
        }
    }

    @Override
    public String toString() {
        return "SlackForms[token=***]";
    }
}
