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
import com.lightsailaccess.access.Decision;
import com.lightsailaccess.access.FileOutcome;
import com.lightsailaccess.access.Lifetimes;
import com.lightsailaccess.access.RequestState;
import com.lightsailaccess.access.RequestStatus;
import com.lightsailaccess.access.RevokeOutcome;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Block Kit and text for every message and modal. Person-written text is always escaped here. */
public final class Messages {

    public static final int MAX_REASON_LENGTH = 1000;
    /** Block Kit: a section's text holds at most 3,000 characters, counted as sent (after escaping). */
    static final int SECTION_TEXT_MAX = 3000;

    private Messages() {
    }

    // ---- the approval message ------------------------------------------------------------------------------

    public static String approvalFallback(AccessRequest request) {
        return (request.isExtension() ? "Lightsail extension request #" : "Lightsail access request #")
                + request.id() + " from " + Mrkdwn.user(request.requesterId());
    }

    /**
     * The message in the approval channel while the request waits for an admin; with several approvals required,
     * how many it has and from whom.
     */
    public static List<LayoutBlock> approvalRequest(AccessRequest request, List<String> approvedBy, int required) {
        List<LayoutBlock> blocks = new ArrayList<>(requestSummary(request));
        if (required > 1) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":ballot_box_with_check: " + approvedBy.size()
                    + " of " + required + " approvals" + (approvedBy.isEmpty() ? "" : ": " + String.join(", ",
                    approvedBy.stream().map(Mrkdwn::user).toList())))))));
        }
        blocks.add(actions(a -> a.blockId("decision").elements(decisionButtons(request))));
        return blocks;
    }

    /** Approve and Deny on a pending request: in the approval channel and on admins' Home tabs alike. */
    static List<BlockElement> decisionButtons(AccessRequest request) {
        return List.of(
                button(b -> b.actionId(Ids.APPROVE).value(String.valueOf(request.id())).style("primary")
                        .text(plainText("Approve"))),
                button(b -> b.actionId(Ids.DENY).value(String.valueOf(request.id())).style("danger")
                        .text(plainText("Deny"))));
    }

    /**
     * The request itself: who, what, why, when. Shared by every version of the approval message. The reason is the
     * person's own text: escaped once, {@code verbatim} (no link or mention is made of it), and split over as many
     * sections as Block Kit's 3,000 characters per section need.
     */
    public static List<LayoutBlock> requestSummary(AccessRequest request) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String asks = request.isExtension()
                ? "*Extension request #" + request.id() + "*\n" + Mrkdwn.user(request.requesterId())
                        + " asks to extend grant #" + request.extendsRequestId() + " (" + request.accessType().describe()
                        + ") by *" + request.duration().text() + "*."
                : "*Lightsail access request #" + request.id() + "*\n" + Mrkdwn.user(request.requesterId())
                        + " asks for *" + request.accessType().describe() + "* access *"
                        + LifetimeMessages.forHowLong(request.duration()) + "*."
                        + request.endsAt().map(e -> " Ends " + Mrkdwn.date(e) + ".").orElse("");
        blocks.add(section(s -> s.text(markdownText(asks))));
        for (String piece : Mrkdwn.quotePieces(request.reason(), SECTION_TEXT_MAX)) {
            blocks.add(section(s -> s.text(verbatim(piece))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Requested " + Mrkdwn.date(request.createdAt())
                + " · request #" + request.id())))));
        return blocks;
    }

    /** A mrkdwn text that Slack shows as written: no link, channel or mention is made of what is in it. */
    static MarkdownTextObject verbatim(String escapedText) {
        return MarkdownTextObject.builder().text(escapedText).verbatim(true).build();
    }

    /** After Approve: who approved, and that the bot is at work. No buttons, so nobody clicks twice. */
    public static List<LayoutBlock> approvalProvisioning(AccessRequest request, boolean dryRun) {
        return withOutcome(request, ":gear: Approved by " + decider(request) + (dryRun
                ? " · *dry run*: working out what would be created…" : " · provisioning…"));
    }

    /** Reveal once: approved, and the requester has a Show credentials button; no credential exists yet. */
    public static List<LayoutBlock> approvalOffered(AccessRequest request, Instant until) {
        return withOutcome(request, ":gear: Approved by " + decider(request) + " · IAM user `"
                + Mrkdwn.escape(request.iamUserName()) + "` is ready; its credentials are made when "
                + Mrkdwn.user(request.requesterId()) + " clicks Show credentials (until " + Mrkdwn.date(until) + ")");
    }

    /** The end of a grant: done, no buttons left. */
    public static List<LayoutBlock> approvalDone(AccessRequest request, String summary) {
        return withOutcome(request, ":white_check_mark: Approved by " + decider(request) + " · " + summary);
    }

    /** What an active grant is, on its approval message. */
    public static String grantSummary(AccessRequest request) {
        return "IAM user `" + Mrkdwn.escape(request.iamUserName()) + "` has " + request.accessType().describe()
                + " access; " + (request.revealedAt() != null ? "credentials revealed once, in a modal only the "
                        + "requester saw" : "credentials sent by direct message");
    }

    /** A failed grant: what went wrong, with Retry and Cancel for admins. */
    public static List<LayoutBlock> approvalFailed(AccessRequest request, String reason) {
        List<LayoutBlock> blocks = withOutcome(request, ":x: Approved by " + decider(request)
                + ", but provisioning failed: " + Mrkdwn.escape(reason));
        blocks.add(actions(a -> a.blockId("after_failure").elements(List.of(
                button(b -> b.actionId(Ids.RETRY).value(String.valueOf(request.id())).style("primary")
                        .text(plainText("Retry"))),
                button(b -> b.actionId(Ids.CANCEL).value(String.valueOf(request.id())).style("danger")
                        .text(plainText("Cancel")))))));
        return blocks;
    }

    /** A grant that ended by itself (expired, given back, unused). */
    public static List<LayoutBlock> approvalEnded(AccessRequest request, String outcome) {
        return withOutcome(request, outcome);
    }

    public static List<LayoutBlock> approvalDenied(AccessRequest request) {
        return withOutcome(request, ":no_entry: Denied by " + decider(request));
    }

    public static List<LayoutBlock> approvalCancelled(AccessRequest request, String byWhom) {
        return withOutcome(request, ":heavy_multiplication_x: Cancelled" + (byWhom == null ? ""
                : " by " + Mrkdwn.user(byWhom)) + (request.failureReason() == null ? ""
                : " (" + Mrkdwn.escape(request.failureReason()) + ")"));
    }

    /** A dry run's plan as a readable, escaped list. */
    public static String escapedPlan(List<String> steps) {
        StringBuilder text = new StringBuilder("nothing was changed in AWS. It would have:");
        for (String step : steps) {
            text.append("\n• ").append(Mrkdwn.escape(step));
        }
        return text.toString();
    }

    private static List<LayoutBlock> withOutcome(AccessRequest request, String outcome) {
        List<LayoutBlock> blocks = requestSummary(request);
        blocks.add(section(s -> s.text(markdownText(outcome))));
        return blocks;
    }

    private static String decider(AccessRequest request) {
        return request.decidedBy() == null ? "an admin" : Mrkdwn.user(request.decidedBy());
    }

    /** What an admin's click is told when it did not decide. Ephemeral. */
    public static String decisionAnswer(Decision decision, String verb) {
        if (decision instanceof Decision.AlreadyDecided d) {
            return ":information_source: Request #" + d.requestId() + " is already " + d.state().word()
                    + (d.decidedBy() == null ? "" : " (decided by " + Mrkdwn.user(d.decidedBy())
                    + (d.decidedAt() == null ? "" : ", " + Mrkdwn.date(d.decidedAt())) + ")")
                    + ". Nothing changed.";
        }
        if (decision instanceof Decision.OwnRequest o) {
            return ":no_entry: You cannot " + verb + " your own request #" + o.requestId()
                    + "; another admin has to. Nothing changed.";
        }
        if (decision instanceof Decision.Counted c) {
            return ":ballot_box_with_check: Your approval of request #" + c.requestId() + " counts: " + c.count()
                    + " of " + c.required() + ". Another admin has to approve too.";
        }
        if (decision instanceof Decision.AlreadyCounted c) {
            return ":information_source: You have already approved request #" + c.requestId() + "; it counts once ("
                    + c.count() + " of " + c.required() + "). Another admin has to approve. Nothing changed.";
        }
        if (decision instanceof Decision.RevocationUnderWay r) {
            return ":lock: A revocation of request #" + r.requestId() + " is under way, so it is not retried. "
                    + "Nothing changed; the person can file a new request later.";
        }
        if (decision instanceof Decision.NotFound n) {
            return ":x: There is no request #" + n.requestId() + ". Nothing changed.";
        }
        if (decision instanceof Decision.Unavailable) {
            return ":warning: Lightsail Access is temporarily unavailable, so nothing changed. Please click again "
                    + "in a minute.";
        }
        return null;
    }

    public static String notAnAdmin(String verb) {
        return ":no_entry: Only Lightsail Access admins can " + verb + " requests. Nothing changed.";
    }

    public static String adminsUnknown() {
        return ":warning: The admin list could not be checked right now, so nothing changed. Please try again in a "
                + "minute.";
    }

    // ---- revocation ---------------------------------------------------------------------------------------

    public static String revokeAnswer(RevokeOutcome outcome) {
        if (outcome instanceof RevokeOutcome.Many many) {
            StringBuilder text = new StringBuilder();
            for (RevokeOutcome one : many.outcomes()) {
                text.append(text.length() == 0 ? "" : "\n").append(revokeAnswer(one));
            }
            return text.toString();
        }
        if (outcome instanceof RevokeOutcome.Queued q) {
            return ":hourglass_flowing_sand: " + (q.delete() ? "Deleting the IAM user of "
                    : "Removing Lightsail access of ") + who(q.requesterId(), q.iamUserName()) + " (request #"
                    + q.requestId() + ")" + (q.afterRemoval() ? ", right after the removal under way" : "")
                    + ". The outcome will be posted in the approval channel.";
        }
        if (outcome instanceof RevokeOutcome.PendingCancelled c) {
            return ":heavy_multiplication_x: " + Mrkdwn.user(c.requesterId()) + "'s pending request #"
                    + c.requestId() + " is cancelled. Nothing existed in AWS for it yet.";
        }
        if (outcome instanceof RevokeOutcome.AlreadyDone d) {
            return ":information_source: Request #" + d.requestId() + (d.deleted()
                    ? ": IAM user `" + Mrkdwn.escape(d.iamUserName()) + "` is already deleted."
                    : " is already revoked. Add `delete` to delete the IAM user too.") + " Nothing changed.";
        }
        if (outcome instanceof RevokeOutcome.InProgress p) {
            return ":hourglass: " + (p.delete() ? "A deletion" : "A removal") + " of request #" + p.requestId()
                    + "'s IAM user is already under way; its outcome will be posted. Nothing changed.";
        }
        if (outcome instanceof RevokeOutcome.Stale s) {
            return ":warning: This message is out of date: IAM user `" + Mrkdwn.escape(s.iamUserName())
                    + "` now belongs to request #" + s.laterRequestId() + ". Nothing changed; use "
                    + "`/lightsail-revoke` for the current grant.";
        }
        if (outcome instanceof RevokeOutcome.NothingKnown n) {
            // A Slack user id the parser verified is shown as a mention; a name as the escaped text it is.
            String who = n.slackUserId() != null ? Mrkdwn.user(n.slackUserId()) : "`" + Mrkdwn.escape(n.iamUserName())
                    + "`";
            return ":information_source: " + who + " has no access granted by Lightsail Access. The bot only "
                    + "touches IAM users it created itself. Nothing changed.";
        }
        return ":warning: Lightsail Access is temporarily unavailable, so nothing changed. Please try again in a "
                + "minute.";
    }

    private static String who(String slackUserId, String iamUserName) {
        return Mrkdwn.user(slackUserId) + (iamUserName == null ? "" : " (`" + Mrkdwn.escape(iamUserName) + "`)");
    }

    /** The original approval message after a revocation. */
    public static List<LayoutBlock> approvalRevoked(AccessRequest request, boolean deleted, String actor) {
        return withOutcome(request, ":lock: Access revoked by " + actorText(actor) + (deleted
                ? " · IAM user `" + Mrkdwn.escape(request.iamUserName()) + "` deleted"
                : " · removed from the Lightsail group; IAM user `" + Mrkdwn.escape(request.iamUserName())
                        + "` kept"));
    }

    /** What the team sees in the approval channel when access is taken away. */
    public static String revokedNotice(AccessRequest request, boolean deleted, String actor, List<String> steps) {
        StringBuilder text = new StringBuilder(":lock: ").append(actorText(actor)).append(deleted
                ? " deleted IAM user `" : " removed Lightsail access of IAM user `")
                .append(Mrkdwn.escape(request.iamUserName())).append("` (").append(Mrkdwn.user(request.requesterId()))
                .append(", request #").append(request.id()).append(").");
        if (deleted) {
            text.append(" Steps: ").append(Mrkdwn.escape(String.join(", ", steps))).append('.');
        } else {
            text.append(" The IAM user stays; `/lightsail-revoke ").append(Mrkdwn.escape(request.iamUserName()))
                    .append(" delete` removes it.");
        }
        return text.toString();
    }

    public static String revokeRefusedNotice(AccessRequest request, String why) {
        return ":no_entry: Revoking request #" + request.id() + " was refused: " + Mrkdwn.escape(why)
                + ". Nothing in AWS was touched.";
    }

    public static String revokeFailedNotice(AccessRequest request, String why) {
        return ":x: Revoking request #" + request.id() + " (IAM user `" + Mrkdwn.escape(request.iamUserName())
                + "`) failed: " + Mrkdwn.escape(why) + ". Run `/lightsail-revoke` again to resume; finished steps "
                + "are not repeated.";
    }

    public static String departureFallback(String slackUserId) {
        return Mrkdwn.user(slackUserId) + "'s Slack account was deactivated; their Lightsail access was removed.";
    }

    /** Posted when a departure could not be handled after every retry: the admins take over. */
    public static String departureFailedNotice(String slackUserId, String why) {
        return ":x: " + Mrkdwn.user(slackUserId) + "'s Slack account was reported deactivated, but Lightsail Access "
                + "could not act on it: " + Mrkdwn.escape(why) + ". Check their access and use `/lightsail-revoke` "
                + "if they left.";
    }

    /** Posted when the approval message of a request could not be posted after every retry. */
    public static String approvalPostFailedNotice(AccessRequest request, String why) {
        return ":x: Request #" + request.id() + " from " + Mrkdwn.user(request.requesterId()) + " could not be "
                + "posted here (" + Mrkdwn.escape(why) + "), so it was cancelled and they were told to ask again.";
    }

    /** Posted when Slack reports someone's account deactivated and their access was removed. */
    public static List<LayoutBlock> departureNotice(long requestId, String slackUserId, String iamUserName) {
        return List.of(
                section(s -> s.text(markdownText(":wave: " + Mrkdwn.user(slackUserId) + "'s Slack account was "
                        + "deactivated, so their Lightsail access was removed (IAM user `"
                        + Mrkdwn.escape(iamUserName) + "` is kept). If they left the company, delete the IAM user "
                        + "too."))),
                actions(a -> a.blockId("departure").elements(List.of(
                        button(b -> b.actionId(Ids.DELETE_USER).value(String.valueOf(requestId)).style("danger")
                                .text(plainText("Delete IAM user")))))));
    }

    private static String actorText(String actor) {
        return actor == null || !actor.matches("[UW][A-Z0-9]+") ? "Slack (account deactivated)" : Mrkdwn.user(actor);
    }

    // ---- direct messages to the requester ------------------------------------------------------------------

    /** The notification text of the credentials DM: shown in previews, so it never carries a secret. */
    public static String credentialsFallback(long requestId) {
        return "Your Lightsail access is ready (request #" + requestId + "). Open this message for your sign-in "
                + "details.";
    }

    public static String deniedDm(AccessRequest request) {
        return ":no_entry: Your Lightsail access request #" + request.id() + " was denied by " + decider(request)
                + ". Ask them if you want to know why; you can file a new request with `/lightsail-access`.";
    }

    public static String cancelledDm(AccessRequest request, String byWhom) {
        return ":heavy_multiplication_x: Your Lightsail access request #" + request.id() + " was cancelled"
                + (byWhom == null ? "" : " by " + Mrkdwn.user(byWhom)) + ". You can file a new request with "
                + "`/lightsail-access`.";
    }

    public static String dryRunDm(AccessRequest request, String iamUserName) {
        return ":test_tube: Your Lightsail access request #" + request.id() + " was approved by "
                + decider(request) + ", but the bot runs in *dry run* mode: nothing was created in AWS. It would "
                + "have created IAM user `" + Mrkdwn.escape(iamUserName) + "` with " + request.accessType().describe()
                + " access. Ask an admin when real access is available.";
    }

    // ---- the request modal ---------------------------------------------------------------------------------

    public static View requestModal(AccessType defaultAccess, Lifetimes lifetimes) {
        List<OptionObject> options = Arrays.stream(AccessType.values())
                .map(t -> option(plainText(label(t)), t.word()))
                .toList();
        OptionObject initial = options.get(defaultAccess.ordinal());
        BlockElement select = staticSelect(s -> s.actionId(Ids.ACCESS_TYPE_INPUT).options(options)
                .initialOption(initial));
        List<OptionObject> durations = lifetimes.durations().stream()
                .map(d -> option(plainText(d.permanent() ? "permanent (no end)" : d.text()), d.text())).toList();
        OptionObject defaultDuration = durations.stream()
                .filter(o -> o.getValue().equals(lifetimes.defaultDuration().text())).findFirst()
                .orElse(durations.get(0));
        return view(v -> v.type("modal").callbackId(Ids.REQUEST_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text("Lightsail access")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Request")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("Ask the AWS admins for access to Amazon Lightsail. "
                                + "When an admin approves, you get your sign-in details in a direct message."))),
                        input(i -> i.blockId(Ids.ACCESS_TYPE_BLOCK).label(plainText("Access type"))
                                .element(select)),
                        input(i -> i.blockId(Ids.DURATION_BLOCK).label(plainText("For how long"))
                                .element(staticSelect(e -> e.actionId(Ids.DURATION_INPUT).options(durations)
                                        .initialOption(defaultDuration)))),
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
        if (outcome instanceof FileOutcome.NotYours n) {
            return LifetimeMessages.notYourGrant(n.grantId());
        }
        if (outcome instanceof FileOutcome.NothingToExtend e) {
            return ":information_source: Request #" + e.grantId() + " is " + e.state().word()
                    + ", so there is nothing to extend. `/lightsail-access` asks for access again.";
        }
        return unavailable();
    }

    public static String unavailable() {
        return ":warning: Lightsail Access is temporarily unavailable, so nothing was stored. Please try again in a "
                + "minute.";
    }

    public static String help(AccessType defaultAccess, Lifetimes lifetimes) {
        return """
                *Lightsail Access* asks the AWS admins for access to Amazon Lightsail.
                • `/lightsail-access` opens a form.
                • `/lightsail-access [console|programmatic|both] [for <duration>] <reason>` files a request at \
                once (default: %s, %s; durations: %s).
                • `/lightsail-access status` shows your request, whether you have access, and until when.
                • `/lightsail-access done` gives your access back.
                • `/lightsail-access help` shows this.
                Admins: `/lightsail-revoke <@person|iam-user-name> [delete]` takes access away \
                (`delete` removes the IAM user too); `/lightsail-audit [<@person>|<iam-user-name>] [since <duration>]` \
                shows the audit trail and sends you a CSV of it.""".formatted(defaultAccess.word(),
                lifetimes.defaultDuration().text(), lifetimes.choicesText());
    }

    public static String status(RequestStatus status) {
        if (status.latest().isEmpty()) {
            return "You have no Lightsail access request yet. `/lightsail-access help` shows how to ask.";
        }
        RequestStatus.Latest r = status.latest().get();
        StringBuilder text = new StringBuilder("*Your request #").append(r.requestId()).append("*: ")
                .append(r.state().word()).append(r.dryRun() ? " (dry run: nothing was created in AWS)" : "")
                .append("\n• Access type: ").append(r.accessType().describe()).append(", ")
                .append(LifetimeMessages.forHowLong(r.duration()))
                .append("\n• Requested: ").append(Mrkdwn.date(r.createdAt()));
        if (r.state() == RequestState.ACTIVE || r.state() == RequestState.PROVISIONING
                || r.state() == RequestState.APPROVED) {
            text.append("\n• Ends: ").append(r.endsAt().map(Mrkdwn::date).orElse("never"));
        }
        r.openExtension().ifPresent(e -> text.append("\n• Extension #").append(e).append(" is waiting for the admins"));
        if (r.endedHow() != null) {
            text.append("\n• Ended: ").append(r.endedHow());
        }
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
        if (r.awaitingReveal()) {
            text.append("\n:key: Your credentials are made when you click *Show credentials* in your direct "
                    + "message from the bot.");
        }
        text.append(r.hasAccess() ? "\n:white_check_mark: You have Lightsail access now."
                : "\nYou do not have Lightsail access now.");
        return text.toString();
    }
}
