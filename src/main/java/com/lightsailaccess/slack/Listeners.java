package com.lightsailaccess.slack;

import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.Map;
import java.util.Optional;

/**
 * What every Slack listener says about itself: the id it answers. The App producer registers every listener it is
 * given, so a new button, command, form or event listener is one new class.
 */
public final class Listeners {

    private Listeners() {
    }

    /** A button, by its {@code action_id}. */
    public interface Button extends BlockActionHandler {
        String actionId();
    }

    /** A slash command, by its name ({@code /lightsail-access}). */
    public interface Command extends SlashCommandHandler {
        String command();
    }

    /** A modal's submission, by the view's {@code callback_id}. */
    public interface Form extends ViewSubmissionHandler {
        String callbackId();
    }

    /** An Events API event, by its type ({@code user_change}, {@code app_home_opened}). */
    public interface Event<E extends com.slack.api.model.event.Event> extends BoltEventHandler<E> {
        Class<E> eventType();
    }

    /** A slash command's answer that only the caller sees. */
    public static Response ephemeral(SlashCommandContext ctx, String text) {
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
    }

    /** The values of a submitted view's inputs, by block and action id. */
    public static Map<String, Map<String, ViewState.Value>> stateOf(View view) {
        return view.getState() == null || view.getState().getValues() == null ? Map.of() : view.getState().getValues();
    }

    public static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, String block,
            String action) {
        Map<String, ViewState.Value> inBlock = values == null ? null : values.get(block);
        return Optional.ofNullable(inBlock == null ? null : inBlock.get(action));
    }
}
