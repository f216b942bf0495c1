package com.lightsailaccess.slack;

import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;

/**
 * What every Slack listener says about itself: the id it answers. The App producer registers every listener it is
 * given, so a new button, command or form is one new class.
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
}
