package com.lightsailaccess.revoke;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.revoke.Revocation.RevokeOutcome;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.blocks.Replies;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** Text and Block Kit of a revocation: the admin's answer, the notices, the holder's end of access, departures. */
final class RevokeMessages {

    private RevokeMessages() {
    }

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

    /** What the team sees in the approval channel when access is taken away. */
    /** After a revocation; {@code alreadyGone}: IAM had no such user any more, so nothing was deleted now. */
    public static String revokedNotice(AccessRequest request, boolean deleted, boolean alreadyGone, String actor,
            List<String> steps) {
        if (alreadyGone) {
            return ":lock: IAM user `" + Mrkdwn.escape(request.iamUserName()) + "` ("
                    + Mrkdwn.user(request.requesterId())
                    + ", request #" + request.id() + ") was already gone from IAM: nothing was deleted now. "
                    + Revocation.actorText(actor) + "'s revocation is recorded.";
        }
        StringBuilder text = new StringBuilder(":lock: ").append(Revocation.actorText(actor)).append(deleted
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

    /**
     * A removal or deletion that did not go through. A grant that was ending by itself (expired, given back,
     * unused) is removed again by the next reconciliation; an admin's revocation waits for the admin.
     */
    public static String revokeFailedNotice(AccessRequest request, Revocation.Why reason, String why) {
        return ":x: Revoking request #" + request.id() + " (IAM user `" + Mrkdwn.escape(request.iamUserName())
                + "`) failed: " + Mrkdwn.escape(why) + (reason.endedHow() != null
                ? ". The next reconciliation removes it again (or run `/lightsail-revoke` now)"
                : ". Run `/lightsail-revoke` again to resume") + "; finished steps are not repeated.";
    }

    public static String departureFallback(String slackUserId, String actor) {
        return Mrkdwn.user(slackUserId) + "'s Slack account " + departed(actor) + "; their Lightsail access was "
                + "removed.";
    }

    /** What Slack said of a departed account, after "'s Slack account". */
    private static String departed(String actor) {
        return switch (actor == null ? "" : actor) {
            case Revocation.GUEST -> "became a guest account";
            case Revocation.STRANGER -> "is no longer a member of this organisation";
            default -> "was deactivated";
        };
    }

    /** Posted when a departure could not be handled after every retry: the admins take over. */
    public static String departureFailedNotice(String slackUserId, String why) {
        return ":x: " + Mrkdwn.user(slackUserId) + "'s Slack account was reported deactivated, but Lightsail Access "
                + "could not act on it: " + Mrkdwn.escape(why) + ". Check their access and use `/lightsail-revoke` "
                + "if they left.";
    }

    /** Posted when Slack reports someone's account deactivated and their access was removed. */
    public static List<LayoutBlock> departureNotice(long requestId, String slackUserId, String iamUserName,
            String actor) {
        return List.of(
                section(s -> s.text(markdownText(":wave: " + Mrkdwn.user(slackUserId) + "'s Slack account "
                        + departed(actor) + ", so their Lightsail access was removed (IAM user `"
                        + Mrkdwn.escape(iamUserName) + "` is kept). If they left the company, delete the IAM user "
                        + "too."))),
                actions(a -> a.blockId("departure").elements(List.of(
                        button(b -> b.actionId(Ids.DELETE_USER).value(String.valueOf(requestId)).style("danger")
                                .text(plainText("Delete IAM user")))))));
    }

    /** To the holder: the grant ended by itself. */
    public static String grantEndedDm(AccessRequest grant) {
        return ":lock: Your Lightsail access (request #" + grant.id() + ", IAM user `"
                + Mrkdwn.escape(grant.iamUserName()) + "`) has ended: " + Revocation.how(grant)
                + ". You are out of the Lightsail group; `/lightsail-access` asks for access again.";
    }

    /** To the approval channel: a grant ended by itself. */
    public static String grantEndedNotice(AccessRequest grant) {
        return ":lock: " + Mrkdwn.user(grant.requesterId()) + "'s Lightsail access (request #" + grant.id()
                + ", IAM user `" + Mrkdwn.escape(grant.iamUserName()) + "`) ended: " + Revocation.how(grant)
                + ". Removed from the Lightsail group; the IAM user stays.";
    }

    public static String giveBackAnswer(RevokeOutcome outcome) {
        if (outcome instanceof RevokeOutcome.Queued q) {
            return ":wave: Thanks: your Lightsail access (request #" + q.requestId() + ") is being given back. "
                    + "You will get a message when it is done.";
        }
        if (outcome instanceof RevokeOutcome.InProgress p) {
            return ":hourglass: Your access (request #" + p.requestId() + ") is already being taken away.";
        }
        if (outcome instanceof RevokeOutcome.NotYours n) {
            return Replies.notYourGrant(n.requestId());
        }
        if (outcome instanceof RevokeOutcome.AlreadyDone || outcome instanceof RevokeOutcome.NothingKnown) {
            return ":information_source: You have no Lightsail access to give back. Nothing changed.";
        }
        return Replies.unavailableNothingChanged();
    }
}
