package com.lightsailaccess.grant;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.time.Instant;
import java.util.List;

/**
 * Reveal once ({@code LIGHTSAIL_CREDENTIAL_DELIVERY=reveal}): the DM with the Show credentials button, the modal that
 * the click opens (first "being created", then the credentials), and the DM once the button has done its work.
 * Only {@link #credentials} ever carries a secret, and it goes into the modal alone.
 */
final class RevealMessages {

    private static final String TITLE = "Your credentials";

    private RevealMessages() {
    }

    public static String offerFallback(long requestId) {
        return "Your Amazon Lightsail access is ready: show your credentials (request #" + requestId + ").";
    }

    /** The DM: who the IAM user is, and the button that creates and shows the credentials once. */
    public static List<LayoutBlock> offer(long requestId, String iamUserName, AccessType type, Instant until) {
        return List.of(
                header(h -> h.text(plainText("Your Amazon Lightsail access is ready"))),
                section(s -> s.text(markdownText("*IAM user:* `" + Mrkdwn.escape(iamUserName) + "`\n*Access:* "
                        + type.describe() + "\n\nYour credentials are made when you click *Show credentials*, and "
                        + "shown once, in a window only you see. Slack keeps no copy of them. The button works until "
                        + Mrkdwn.date(until) + "."))),
                actions(a -> a.blockId("reveal").elements(List.of(
                        button(b -> b.actionId(Ids.SHOW_CREDENTIALS).value(String.valueOf(requestId))
                                .style("primary").text(plainText("Show credentials")))))),
                context(c -> c.elements(List.of(markdownText("Request #" + requestId + ".")))));
    }

    /** The DM after the reveal: the button is gone, and nothing secret was ever in it. */
    public static List<LayoutBlock> shown(long requestId, String iamUserName, Instant at) {
        return List.of(section(s -> s.text(markdownText(":white_check_mark: Your credentials for IAM user `"
                + Mrkdwn.escape(iamUserName) + "` were shown " + Mrkdwn.date(at) + ". Slack keeps no copy of "
                + "them. Lost them? Ask an admin to revoke your access and approve a new request."))),
                context(c -> c.elements(List.of(markdownText("Request #" + requestId + ".")))));
    }

    public static String shownFallback(long requestId) {
        return "Your credentials were shown (request #" + requestId + ").";
    }

    /** The DM after the window ended unused: nothing was made. */
    public static List<LayoutBlock> expired(long requestId, String within) {
        return List.of(section(s -> s.text(markdownText(":hourglass: The *Show credentials* button of request #"
                + requestId + " was not used within " + within + ", so no credentials were made and the request "
                + "is closed. Ask again with `/lightsail-access` when you need access."))));
    }

    public static String expiredFallback(long requestId) {
        return "Request #" + requestId + " closed: its credentials were not shown in time.";
    }

    /** The approval channel, when a window ends unused. */
    public static String expiredNotice(long requestId, String requesterId, String within) {
        return ":hourglass: Request #" + requestId + " of " + Mrkdwn.user(requesterId) + " is closed: its credentials "
                + "were not revealed within " + within + ", so none were made.";
    }

    /** The modal that the click opens at once, while the credentials are being made. */
    public static View preparing(long requestId) {
        return modal(List.of(section(s -> s.text(markdownText(":hourglass_flowing_sand: Creating your credentials "
                + "for request #" + requestId + "… Keep this window open: they appear here in a few seconds.")))));
    }

    /** The modal with the credentials: the only place they are ever shown. */
    public static View credentials(CredentialsMessage message) {
        return modal(message.revealBlocks());
    }

    /** The modal when the credentials could not be made; nothing valid is left behind. */
    public static View failed(long requestId) {
        return modal(List.of(section(s -> s.text(markdownText(":x: Your credentials for request #" + requestId
                + " could not be created. Nothing valid was left behind, and the admins see what went wrong on the "
                + "request.")))));
    }

    /** The modal when the grant was revoked or closed after the click: nothing was made. */
    public static View closed(long requestId) {
        return modal(List.of(section(s -> s.text(markdownText(":information_source: Request #" + requestId
                + " was closed or revoked before its credentials could be made, so none were. Ask an admin if "
                + "that is a surprise.")))));
    }

    private static View modal(List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(Ids.REVEAL_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text(TITLE)))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(blocks));
    }

    /** The answer to a click that does not reveal. */
    public static String answer(Reveals.Answer answer, String within) {
        return switch (answer) {
            case CLAIMED -> "";
            case NOT_YOURS -> ":no_entry: Only the person who asked for this access can show its credentials. "
                    + "Nothing was created.";
            case ALREADY_SHOWN -> ":information_source: These credentials were already shown once, and no copy is "
                    + "kept. Lost them? Ask an admin to revoke your access and approve a new request.";
            case IN_PROGRESS -> ":hourglass_flowing_sand: Your credentials are being shown in the window you opened.";
            case EXPIRED -> ":hourglass: This button worked for " + within + " and has expired; nothing was created. "
                    + "Ask again with `/lightsail-access`.";
            case CLOSED -> ":information_source: This access was closed before its credentials were shown; nothing "
                    + "was created.";
        };
    }

    /** When the modal could not be opened (Slack gives a click's trigger 3 seconds). */
    public static final String COULD_NOT_OPEN = ":warning: The window with your credentials could not be opened. "
            + "Nothing was created: click *Show credentials* again.";

    /** The modal was closed or gone before the credentials arrived: they were withdrawn. */
    public static String notShown(long requestId) {
        return ":information_source: The window closed before your credentials for request #" + requestId
                + " could be shown, so none were kept. Click *Show credentials* again.";
    }
}
