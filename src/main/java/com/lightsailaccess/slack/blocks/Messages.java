package com.lightsailaccess.slack.blocks;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.access.AccessType;
import com.lightsailaccess.access.FileOutcome;
import com.lightsailaccess.access.RequestState;
import com.lightsailaccess.access.RequestStatus;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Block Kit and text for every message and modal. Person-written text is always escaped here. */
public final class Messages {

    public static final int MAX_REASON_LENGTH = 1000;

    private Messages() {
    }

    // ---- the approval message ------------------------------------------------------------------------------

    public static String approvalFallback(AccessRequest request) {
        return "Lightsail access request #" + request.id() + " from " + Mrkdwn.user(request.requesterId());
    }

    /** The message in the approval channel while the request waits for an admin. */
    public static List<LayoutBlock> approvalRequest(AccessRequest request) {
        List<LayoutBlock> blocks = new ArrayList<>(requestSummary(request));
        blocks.add(actions(a -> a.blockId("decision").elements(List.of(
                button(b -> b.actionId(Ids.APPROVE).value(String.valueOf(request.id())).style("primary")
                        .text(plainText("Approve"))),
                button(b -> b.actionId(Ids.DENY).value(String.valueOf(request.id())).style("danger")
                        .text(plainText("Deny")))))));
        return blocks;
    }

    /** The request itself: who, what, why, when. Shared by every version of the approval message. */
    public static List<LayoutBlock> requestSummary(AccessRequest request) {
        String text = "*Lightsail access request #" + request.id() + "*\n"
                + Mrkdwn.user(request.requesterId()) + " asks for *" + request.accessType().describe() + "* access.\n"
                + Mrkdwn.quote(request.reason());
        return new ArrayList<>(List.of(
                section(s -> s.text(markdownText(text))),
                context(c -> c.elements(List.of(markdownText("Requested " + Mrkdwn.date(request.createdAt())
                        + " · request #" + request.id()))))));
    }

    // ---- the request modal ---------------------------------------------------------------------------------

    public static View requestModal(AccessType defaultAccess) {
        List<OptionObject> options = Arrays.stream(AccessType.values())
                .map(t -> option(plainText(label(t)), t.word()))
                .toList();
        OptionObject initial = options.get(defaultAccess.ordinal());
        BlockElement select = staticSelect(s -> s.actionId(Ids.ACCESS_TYPE_INPUT).options(options)
                .initialOption(initial));
        return view(v -> v.type("modal").callbackId(Ids.REQUEST_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text("Lightsail access")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Request")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("Ask the AWS admins for access to Amazon Lightsail. "
                                + "When an admin approves, you get your sign-in details in a direct message."))),
                        input(i -> i.blockId(Ids.ACCESS_TYPE_BLOCK).label(plainText("Access type"))
                                .element(select)),
                        input(i -> i.blockId(Ids.REASON_BLOCK).label(plainText("Reason"))
                                .hint(plainText("What do you need Lightsail for? The admins see this."))
                                .element(plainTextInput(p -> p.actionId(Ids.REASON_INPUT).multiline(true)
                                        .maxLength(MAX_REASON_LENGTH)))))));
    }

    /** Shown in place of the modal once the request is stored. */
    public static View modalResult(String mrkdwn) {
        return view(v -> v.type("modal").callbackId(Ids.REQUEST_MODAL + "_done")
                .title(viewTitle(t -> t.type("plain_text").text("Lightsail access")))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(List.of(section(s -> s.text(markdownText(mrkdwn))))));
    }

    private static String label(AccessType type) {
        return switch (type) {
            case CONSOLE -> "Console (password to sign in to the AWS console)";
            case PROGRAMMATIC -> "Programmatic (access key for the CLI and SDKs)";
            case BOTH -> "Both";
        };
    }

    // ---- answers to the requester --------------------------------------------------------------------------

    public static String answer(FileOutcome outcome) {
        if (outcome instanceof FileOutcome.Filed f) {
            return ":inbox_tray: Your request #" + f.requestId() + " for *" + f.accessType().describe()
                    + "* access is filed. The admins have been asked; you will get a direct message when they "
                    + "decide. `/lightsail-access status` shows where it stands.";
        }
        if (outcome instanceof FileOutcome.AlreadyOpen o) {
            return ":hourglass: You already have an open request (#" + o.requestId() + ", " + o.state().word()
                    + "). Nothing new was filed; `/lightsail-access status` shows it.";
        }
        if (outcome instanceof FileOutcome.AlreadyHasAccess a) {
            return ":white_check_mark: You already have Lightsail access"
                    + (a.iamUserName() == null ? "" : " as IAM user `" + Mrkdwn.escape(a.iamUserName()) + "`")
                    + " (request #" + a.requestId() + "). Nothing new was filed.";
        }
        return unavailable();
    }

    public static String unavailable() {
        return ":warning: Lightsail Access is temporarily unavailable, so nothing was stored. Please try again in a "
                + "minute.";
    }

    public static String help(AccessType defaultAccess) {
        return """
                *Lightsail Access* asks the AWS admins for access to Amazon Lightsail.
                • `/lightsail-access` opens a form.
                • `/lightsail-access [console|programmatic|both] <reason>` files a request at once (default: %s).
                • `/lightsail-access status` shows your request and whether you have access.
                • `/lightsail-access help` shows this.
                Admins: `/lightsail-revoke <@person|iam-user-name> [delete]` takes access away \
                (`delete` removes the IAM user too).""".formatted(defaultAccess.word());
    }

    public static String status(RequestStatus status) {
        if (status.latest().isEmpty()) {
            return "You have no Lightsail access request yet. `/lightsail-access help` shows how to ask.";
        }
        RequestStatus.Latest r = status.latest().get();
        StringBuilder text = new StringBuilder("*Your request #").append(r.requestId()).append("*: ")
                .append(r.state().word()).append(r.dryRun() ? " (dry run: nothing was created in AWS)" : "")
                .append("\n• Access type: ").append(r.accessType().describe())
                .append("\n• Requested: ").append(Mrkdwn.date(r.createdAt()));
        if (r.iamUserName() != null) {
            text.append("\n• IAM user: `").append(Mrkdwn.escape(r.iamUserName())).append('`');
        }
        if (r.decidedBy() != null) {
            text.append("\n• Decided by ").append(Mrkdwn.user(r.decidedBy()));
            if (r.decidedAt() != null) {
                text.append(", ").append(Mrkdwn.date(r.decidedAt()));
            }
        }
        if (r.failureReason() != null && !r.state().isFinal() && r.state() != RequestState.ACTIVE) {
            text.append("\n• Last problem: ").append(Mrkdwn.escape(r.failureReason()));
        }
        text.append(r.hasAccess() ? "\n:white_check_mark: You have Lightsail access now."
                : "\nYou do not have Lightsail access now.");
        return text.toString();
    }
}
