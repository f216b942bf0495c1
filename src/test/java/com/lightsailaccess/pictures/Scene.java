package com.lightsailaccess.pictures;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.util.List;

/**
 * One picture for the README: a name (its file, {@code docs/pictures/<name>.png}), what it shows (the image's alt
 * text), and the Block Kit as the bot sends it to Slack. The blocks come from the bot's own builders, serialised as
 * Bolt's Slack client serialises them, so the picture is of what Slack receives.
 */
public record Scene(String name, String alt, Kind kind, String where, JsonElement payload) {

    /** As Bolt's Slack client turns the model into the JSON of a Web API call. */
    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

    public enum Kind {
        CHANNEL_MESSAGE, DIRECT_MESSAGE, VIEW
    }

    /** A message the bot posts in a channel, {@code #channel}. */
    public static Scene inChannel(String name, String alt, String channel, List<LayoutBlock> blocks) {
        return new Scene(name, alt, Kind.CHANNEL_MESSAGE, channel, SLACK_JSON.toJsonTree(blocks).getAsJsonArray());
    }

    /** A message the bot sends in its direct message with someone. */
    public static Scene inDirectMessage(String name, String alt, List<LayoutBlock> blocks) {
        return new Scene(name, alt, Kind.DIRECT_MESSAGE, SlackPage.APP_NAME,
                SLACK_JSON.toJsonTree(blocks).getAsJsonArray());
    }

    /** A modal or a Home tab (the view's {@code type} says which). */
    public static Scene view(String name, String alt, View view) {
        return new Scene(name, alt, Kind.VIEW, null, SLACK_JSON.toJsonTree(view).getAsJsonObject());
    }

    /** The page that shows it. */
    public String html(SlackPage page, String time) {
        return switch (kind) {
            case CHANNEL_MESSAGE -> page.message(where, false, time, (JsonArray) payload);
            case DIRECT_MESSAGE -> page.message(where, true, time, (JsonArray) payload);
            case VIEW -> page.view((JsonObject) payload);
        };
    }

    /** The browser window's width in CSS pixels: a message pane, a modal over Slack, a Home tab. */
    public int width() {
        return switch (kind) {
            case CHANNEL_MESSAGE, DIRECT_MESSAGE -> 720;
            case VIEW -> "home".equals(((JsonObject) payload).get("type").getAsString()) ? 880 : 600;
        };
    }
}
