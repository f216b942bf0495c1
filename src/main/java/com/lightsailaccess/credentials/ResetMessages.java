package com.lightsailaccess.credentials;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.List;

/** What a holder sees of a password reset: the new password, once, and what became of a reset that did not finish. */
final class ResetMessages {

    private ResetMessages() {
    }

    static String fallback(long grantId) {
        return "Your new console password (request #" + grantId + ")";
    }

    /**
     * The new password, in the DM or the modal: built right before it is sent, never kept. {@code warning} says
     * where it stays (a DM to delete, a modal that keeps nothing).
     */
    static List<LayoutBlock> newPassword(long grantId, String iamUserName, String signInUrl, String passwordSecret,
            boolean inModal) {
        String warning = inModal ? ":warning: *This is the only time it is shown.* Save it in your password manager "
                + "before you close this window: Slack keeps no copy, and the bot keeps none either."
                : ":warning: *This is the only time it is shown.* Save it in your password manager now, then delete "
                        + "this message (hover it → ⋯ → Delete message).";
        return List.of(header(h -> h.text(plainText("Your new console password"))),
                section(s -> s.text(markdownText("*IAM user:* `" + Mrkdwn.escape(iamUserName) + "`\n*Sign in:* "
                        + signInUrl + "\n*Console password:* `" + passwordSecret + "`\nAWS asks you to choose a new "
                        + "one when you sign in with it. Your old password no longer works."))),
                section(s -> s.text(markdownText(warning))),
                context(c -> c.elements(List.of(markdownText("You asked for it (request #" + grantId + "). The "
                        + "admins were told that it happened, not the password.")))));
    }

    /** What the modal that the command or the click opens says at once, while the password is being set. */
    static final String PREPARING = ":hourglass_flowing_sand: Setting a new console password… Keep this window "
            + "open: it appears here in a few seconds.";

    static View modal(String text) {
        return modal(List.of(section(s -> s.text(markdownText(text)))));
    }

    static View modal(List<LayoutBlock> blocks) {
        return modal(Ids.RESET_MODAL, "New password", blocks);
    }

    /** A modal of a holder's own credentials (nothing to submit): a reset's, a rotation's. */
    static View modal(String callbackId, String title, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(callbackId)
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(blocks));
    }

    /** The password was set, but nobody saw it (a closed window, an undeliverable DM): the holder may ask again. */
    static String notShown(long grantId) {
        return ":warning: Your console password (request #" + grantId + ") was replaced, but the new one could not "
                + "be shown to you, so nobody holds it. Ask again with `/lightsail-access reset-password`: this one "
                + "does not count towards the waiting time.";
    }

    static String failed(long grantId, String reason) {
        return ":x: Your console password (request #" + grantId + ") could not be reset: " + Mrkdwn.escape(reason)
                + ". The admins can see what went wrong.";
    }

    static String ended(String reason) {
        return reason.replace("Nothing changed.", "No new password was made.");
    }
}
