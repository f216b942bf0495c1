package com.lightsailaccess.slack.blocks;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.view.View;
import java.util.List;

/**
 * Replies every feature shares: the 3,000-character section limit, verbatim text, the modal's result,
 * "unavailable".
 */
public final class Replies {

    /** Block Kit: a section's text holds at most 3,000 characters, counted as sent (after escaping). */
    public static final int SECTION_TEXT_MAX = 3000;

    private Replies() {
    }

    /** A mrkdwn text that Slack shows as written: no link, channel or mention is made of what is in it. */
    public static MarkdownTextObject verbatim(String escapedText) {
        return MarkdownTextObject.builder().text(escapedText).verbatim(true).build();
    }

    /** Shown in place of the modal once the request is stored. */
    public static View modalResult(String mrkdwn) {
        return view(v -> v.type("modal").callbackId(Ids.REQUEST_MODAL + "_done")
                .title(viewTitle(t -> t.type("plain_text").text("Lightsail access")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(List.of(section(s -> s.text(markdownText(mrkdwn))))));
    }

    public static String unavailable() {
        return ":warning: Lightsail Access is temporarily unavailable, so nothing was stored. Please try again in a "
                + "minute.";
    }

    public static String unavailableNothingChanged() {
        return ":warning: Lightsail Access is temporarily unavailable, so nothing changed. Please try again in a "
                + "minute.";
    }

    public static String notYourGrant(long grantId) {
        return ":no_entry: Request #" + grantId + " is not your access (or it has ended). Nothing changed.";
    }
}
