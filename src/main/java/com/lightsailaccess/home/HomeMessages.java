package com.lightsailaccess.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;

import com.lightsailaccess.audit.AuditMessages;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService.RequestStatus;
import com.lightsailaccess.model.AuditEvent;
import com.lightsailaccess.request.RequestMessages;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.blocks.Replies;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The App Home tab: the person's own access with the buttons that apply, and for admins the pending requests
 * (Approve, Deny: the same action ids, and so the same server-side checks, as the approval message), the active
 * grants (Revoke, behind a confirmation) and the latest audit events.
 *
 * <p>Slack allows 100 blocks in a Home view. The lists are cut so that the whole view stays well below that
 * ({@link #MAX_BLOCKS}), and each cut list says how many more there are.
 */
final class HomeMessages {

    /** Slack's limit for a Home tab. */
    public static final int MAX_BLOCKS = 100;
    /** Pending requests and active grants shown, each (a pending request takes two blocks, a grant one). */
    public static final int LISTED = 20;
    /** Audit events shown: one context block holds at most 10 elements. */
    public static final int EVENTS = 10;
    /** A reason is cut here on the Home tab; the approval message has it whole. */
    static final int REASON_SHOWN = 300;

    private HomeMessages() {
    }

    /**
     * The Home view of one person. {@code admin} is present for admins only; {@code approvalChannel} is where every
     * pending request can be found when the list is cut.
     */
    public static View home(RequestStatus own, Optional<AppHome.AdminLists> admin, String approvalChannel) {
        return home(own, admin, approvalChannel, Map.of());
    }

    /** As above, with a line about each grant's credentials ({@code credentials}, by grant id) where there is one. */
    public static View home(RequestStatus own, Optional<AppHome.AdminLists> admin, String approvalChannel,
            Map<Long, String> credentials) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your Lightsail access"))));
        blocks.addAll(ownAccess(own, credentials));
        admin.ifPresent(lists -> {
            blocks.add(divider());
            blocks.addAll(pending(lists, approvalChannel));
            blocks.add(divider());
            blocks.addAll(activeGrants(lists, credentials));
            blocks.add(divider());
            blocks.addAll(latestEvents(lists.latestEvents()));
        });
        return view(v -> v.type("home").callbackId("lightsail_home").blocks(blocks));
    }

    // ---- everyone: their own access ----------------------------------------------------------------------------

    static List<LayoutBlock> ownAccess(RequestStatus status, Map<Long, String> credentials) {
        if (status.latest().isEmpty()) {
            return List.of(section(s -> s.text(markdownText("You have no Lightsail access. Ask for it here, or with "
                    + "`/lightsail-access`."))), requestButton());
        }
        RequestStatus.Latest r = status.latest().get();
        if (r.hasAccess()) {
            List<LayoutBlock> blocks = new ArrayList<>();
            blocks.add(section(s -> s.text(markdownText(":white_check_mark: You have Lightsail access (request #"
                    + r.requestId() + ").")).fields(List.of(
                    markdownText("*Type*\n" + r.accessType().describe()),
                    markdownText("*Since*\n" + (r.decidedAt() == null ? "—" : Mrkdwn.date(r.decidedAt()))),
                    markdownText("*Ends*\n" + r.endsAt().map(Mrkdwn::date).orElse("no end")),
                    markdownText("*IAM user*\n`" + Mrkdwn.escape(r.iamUserName()) + "`")))));
            if (credentials.containsKey(r.requestId())) {
                blocks.add(context(c -> c.elements(List.of(markdownText(":key: " + credentials.get(
                        r.requestId()))))));
            }
            List<BlockElement> buttons = new ArrayList<>();
            if (r.openExtension().isPresent()) {
                blocks.add(context(c -> c.elements(List.of(markdownText(":hourglass_flowing_sand: Extension #"
                        + r.openExtension().get() + " is waiting for the admins.")))));
            } else if (r.endsAt().isPresent()) {
                buttons.add(button(b -> b.actionId(Ids.EXTEND).value(String.valueOf(r.requestId())).style("primary")
                        .text(plainText("Extend"))));
            }
            if (r.accessType().console()) {
                buttons.add(button(b -> b.actionId(Ids.RESET_PASSWORD).value(String.valueOf(r.requestId()))
                        .text(plainText("Reset console password")).confirm(confirm("Reset your console password?",
                                "A new password is made and shown to you once; your current one stops working.",
                                "Reset"))));
            }
            if (r.accessType().programmatic()) {
                buttons.add(button(b -> b.actionId(Ids.ROTATE_KEY).value(String.valueOf(r.requestId()))
                        .text(plainText("Rotate access key")).confirm(confirm("Rotate your access key?",
                                "A new access key is made and shown to you once; your current one keeps working for a "
                                        + "while, so you can switch.", "Rotate"))));
            }
            buttons.add(button(b -> b.actionId(Ids.GIVE_BACK).value(String.valueOf(r.requestId()))
                    .text(plainText("Give back")).confirm(confirm("Give back your access?", "Your IAM user `"
                            + Mrkdwn.escape(r.iamUserName()) + "` leaves the Lightsail group at once. You can ask "
                            + "again later.", "Give back"))));
            blocks.add(actions(a -> a.blockId("home_own").elements(buttons)));
            return blocks;
        }
        String text = switch (r.state()) {
            case PENDING -> ":hourglass_flowing_sand: Your request #" + r.requestId() + " for *"
                    + r.accessType().describe() + "* access " + RequestMessages.forHowLong(r.duration())
                    + " is waiting for an admin.";
            case APPROVED, PROVISIONING -> r.awaitingReveal() ? ":key: Your request #" + r.requestId() + " is "
                    + "approved. Your credentials are made when you click *Show credentials* in your direct message "
                    + "from the bot, and shown once." : ":gear: Your request #" + r.requestId() + " is approved; "
                    + "your access is being set up. Your sign-in details come by direct message.";
            case FAILED -> ":x: Setting up your access (request #" + r.requestId() + ") failed; the admins can "
                    + "retry it.";
            case ACTIVE -> ":test_tube: Request #" + r.requestId() + " was a dry run: nothing was created in AWS, "
                    + "so you have no Lightsail access.";
            case DENIED, CANCELLED, REVOKED -> "You have no Lightsail access. Your last request #" + r.requestId()
                    + " was " + (r.endedHow() != null ? "ended (" + Mrkdwn.escape(r.endedHow()) + ")"
                    : r.state().word()) + ".";
        };
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(text))));
        if (!r.state().isOpen()) {
            blocks.add(requestButton());
        }
        return blocks;
    }

    private static LayoutBlock requestButton() {
        return actions(a -> a.blockId("home_request").elements(List.of(button(b -> b.actionId(Ids.REQUEST)
                .value("request").style("primary").text(plainText("Request access"))))));
    }

    // ---- admins: the queue, the grants, the trail --------------------------------------------------------------

    static List<LayoutBlock> pending(AppHome.AdminLists lists, String approvalChannel) {
        List<LayoutBlock> blocks = titled("Pending requests", lists.pendingTotal(), lists.pending().isEmpty(),
                "Nothing waits for a decision.");
        for (AccessRequest r : lists.pending()) {
            String asks = r.isExtension()
                    ? "*#" + r.id() + "* " + Mrkdwn.user(r.requesterId()) + " asks to extend grant #"
                            + r.extendsRequestId() + " by *" + r.duration().text() + "*"
                    : r.isLevelChange()
                    ? "*#" + r.id() + "* " + Mrkdwn.user(r.requesterId()) + " asks to move grant #"
                            + r.extendsRequestId() + " to the level *" + RequestMessages.level(r) + "* *"
                            + RequestMessages.forHowLong(r.duration()) + "*"
                    : "*#" + r.id() + "* " + Mrkdwn.user(r.requesterId()) + " asks for *" + r.accessType().describe()
                            + "* access" + (r.level() == null ? "" : " at the level *" + RequestMessages.level(r) + "*")
                            + " *" + RequestMessages.forHowLong(r.duration()) + "*";
            // The reason is the requester's own text: escaped once and verbatim, so nothing in it pings or links.
            String text = asks + " · " + Mrkdwn.date(r.createdAt()) + "\n" + Mrkdwn.quote(shorten(r.reason()));
            blocks.add(section(s -> s.text(Replies.verbatim(text))));
            blocks.add(actions(a -> a.blockId("home_pending_" + r.id()).elements(RequestMessages.decisionButtons(r))));
        }
        long more = lists.pendingTotal() - lists.pending().size();
        if (more > 0) {
            blocks.add(more(more, more == 1 ? "pending request" : "pending requests",
                    "in <#" + approvalChannel + ">"));
        }
        return blocks;
    }

    static List<LayoutBlock> activeGrants(AppHome.AdminLists lists, Map<Long, String> credentials) {
        List<LayoutBlock> blocks = titled("Active grants", lists.activeTotal(), lists.active().isEmpty(),
                "Nobody has Lightsail access through the bot.");
        for (AccessRequest g : lists.active()) {
            String text = Mrkdwn.user(g.requesterId()) + " · IAM user `" + Mrkdwn.escape(g.iamUserName()) + "` · "
                    + g.accessType().describe() + "\nsince "
                    + (g.decidedAt() == null ? "—" : Mrkdwn.date(g.decidedAt()))
                    + " · " + g.endsAt().map(e -> "ends " + Mrkdwn.date(e)).orElse("no end") + " · request #" + g.id()
                    + (credentials.containsKey(g.id()) ? "\n" + credentials.get(g.id()) : "");
            blocks.add(section(s -> s.text(markdownText(text)).accessory(button(b -> b.actionId(Ids.REVOKE)
                    .value(String.valueOf(g.id())).style("danger").text(plainText("Revoke"))
                    .confirm(confirm("Revoke this access?", "IAM user `" + Mrkdwn.escape(g.iamUserName())
                            + "` (" + Mrkdwn.user(g.requesterId()) + ") leaves the Lightsail group now. The user and "
                            + "its credentials stay until an admin deletes them.", "Revoke"))))));
        }
        long more = lists.activeTotal() - lists.active().size();
        if (more > 0) {
            blocks.add(more(more, more == 1 ? "active grant" : "active grants",
                    "(`/lightsail-revoke` reaches every one)"));
        }
        return blocks;
    }

    static List<LayoutBlock> latestEvents(List<AuditEvent> events) {
        List<LayoutBlock> blocks = titled("Latest audit events", -1, events.isEmpty(), "No events yet.");
        if (events.isEmpty()) {
            return blocks;
        }
        List<TextObject> lines = new ArrayList<>();
        // Details carry what people typed (reasons): escaped by the line, and verbatim.
        events.stream().limit(EVENTS).forEach(e -> lines.add(Replies.verbatim(AuditMessages.line(e))));
        blocks.add(context(c -> c.elements(new ArrayList<>(lines))));
        blocks.add(context(c -> c.elements(List.of(markdownText("`/lightsail-audit` sends the whole trail as a "
                + "CSV.")))));
        return blocks;
    }

    /** A list's header (with its total, when there is one), and a line in place of the list when it is empty. */
    private static List<LayoutBlock> titled(String title, long total, boolean empty, String whenEmpty) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(total < 0 ? title : title + " (" + total + ")"))));
        if (empty) {
            blocks.add(context(c -> c.elements(List.of(markdownText(whenEmpty)))));
        }
        return blocks;
    }

    private static LayoutBlock more(long more, String what, String where) {
        return context(c -> c.elements(List.of(markdownText("…and " + more + " more " + what + " " + where + "."))));
    }

    private static ConfirmationDialogObject confirm(String title, String mrkdwn, String yes) {
        return ConfirmationDialogObject.builder().title(plainText(title)).text(markdownText(mrkdwn))
                .confirm(plainText(yes)).deny(plainText("Cancel")).style("danger").build();
    }

    private static String shorten(String reason) {
        String text = reason == null ? "" : reason;
        if (text.codePointCount(0, text.length()) <= REASON_SHOWN) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, REASON_SHOWN)) + "…";
    }
}
