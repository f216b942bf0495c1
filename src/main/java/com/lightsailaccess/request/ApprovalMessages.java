package com.lightsailaccess.request;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.revoke.Revocation;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.blocks.Replies;
import com.slack.api.model.block.LayoutBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The approval message in the admins' channel, in each state of its request, and its plain-text fallback. */
final class ApprovalMessages {

    private ApprovalMessages() {
    }

    public static String approvalFallback(AccessRequest request) {
        return (request.isExtension() ? "Lightsail extension request #" : request.isLevelChange()
                ? "Lightsail change of level #" : "Lightsail access request #")
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
        blocks.add(actions(a -> a.blockId("decision").elements(RequestMessages.decisionButtons(request))));
        return blocks;
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
                        + " asks to extend grant #" + request.extendsRequestId() + " ("
                        + request.accessType().describe() + ") by *" + request.duration().text() + "*."
                : request.isLevelChange()
                ? "*Change of level #" + request.id() + "*\n" + Mrkdwn.user(request.requesterId())
                        + " asks to move grant #" + request.extendsRequestId() + " (" + request.accessType()
                        .describe() + ") to the level *" + RequestMessages.level(request) + "* *"
                        + RequestMessages.forHowLong(request.duration()) + "*, keeping its credentials."
                : "*Lightsail access request #" + request.id() + "*\n" + Mrkdwn.user(request.requesterId())
                        + " asks for *" + request.accessType().describe() + "* access"
                        + (request.level() == null ? "" : " at the level *" + RequestMessages.level(request) + "*")
                        + " *" + RequestMessages.forHowLong(request.duration()) + "*."
                        + request.endsAt().map(e -> " Ends " + Mrkdwn.date(e) + ".").orElse("");
        blocks.add(section(s -> s.text(markdownText(asks))));
        for (String piece : Mrkdwn.quotePieces(request.reason(), Replies.SECTION_TEXT_MAX)) {
            blocks.add(section(s -> s.text(Replies.verbatim(piece))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Requested " + Mrkdwn.date(request.createdAt())
                + " · request #" + request.id())))));
        return blocks;
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
        return Mrkdwn.userOr(request.decidedBy(), "an admin");
    }

    /** The original approval message after a revocation. */
    public static List<LayoutBlock> approvalRevoked(AccessRequest request, boolean deleted, String actor) {
        return withOutcome(request, ":lock: Access revoked by " + Revocation.actorText(actor) + (deleted
                ? " · IAM user `" + Mrkdwn.escape(request.iamUserName()) + "` deleted"
                : " · removed from the Lightsail group; IAM user `" + Mrkdwn.escape(request.iamUserName())
                        + "` kept"));
    }

    /** Posted when the approval message of a request could not be posted after every retry. */
    public static String approvalPostFailedNotice(AccessRequest request, String why) {
        return ":x: Request #" + request.id() + " from " + Mrkdwn.user(request.requesterId()) + " could not be "
                + "posted here (" + Mrkdwn.escape(why) + "), so it was cancelled and they were told to ask again.";
    }
}
