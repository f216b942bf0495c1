package com.lightsailaccess.reconcile;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.lightsailaccess.revoke.Revocation;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** What reconciliation tells the approval channel, and the admins' answers to it. */
final class ReconcileMessages {

    private ReconcileMessages() {
    }

    public static String memberFallback(String member) {
        return "IAM user " + member + " is in the Lightsail group without a grant from Lightsail Access.";
    }

    /** A member of the group that no grant accounts for: Remove from group, or Keep. Reported once. */
    public static List<LayoutBlock> memberNotGranted(long findingId, String member, String group) {
        return List.of(
                section(s -> s.text(markdownText(":mag: IAM user `" + Mrkdwn.escape(member) + "` is in `"
                        + Mrkdwn.escape(group) + "` but Lightsail Access never granted it. Someone added it by hand, "
                        + "or it predates the bot."))),
                actions(a -> a.blockId("finding").elements(List.of(
                        button(b -> b.actionId(Ids.REMOVE_FROM_GROUP).value(String.valueOf(findingId))
                                .style("danger").text(plainText("Remove from group"))),
                        button(b -> b.actionId(Ids.KEEP_IN_GROUP).value(String.valueOf(findingId))
                                .text(plainText("Keep")))))));
    }

    public static String changedOutside(long grantId, String holder, String detail) {
        return ":mag: " + Mrkdwn.escape(detail) + ". Request #" + grantId + " of " + Mrkdwn.user(holder)
                + " is recorded as revoked.";
    }

    /** A holder's user in a level's group its grant is not at: reported once, left for an admin to settle. */
    public static String otherLevel(long grantId, String holder, String detail) {
        return ":mag: " + Mrkdwn.escape(detail) + " (" + Mrkdwn.user(holder) + "): more access than the grant says. "
                + "Take it out of that group in IAM, or revoke the grant; Lightsail Access does not choose for you.";
    }

    public static String removed(String member, String group) {
        return ":lock: IAM user `" + Mrkdwn.escape(member) + "` was removed from `" + Mrkdwn.escape(group) + "`.";
    }

    public static String removalFailed(String member, String why, boolean reportedAgain) {
        return ":x: Removing IAM user `" + Mrkdwn.escape(member) + "` from the Lightsail group failed: "
                + Mrkdwn.escape(why) + (reportedAgain ? ". The next reconciliation reports it again while it is "
                + "still there." : ".");
    }

    /** The answer to an admin's Remove or Keep on a finding. */
    public static String resolved(String member, String resolution, String previous, String previousBy) {
        if (previous != null) {
            return ":information_source: `" + Mrkdwn.escape(member) + "` was already decided (" + previous
                    + (previousBy == null ? "" : " by " + Mrkdwn.user(previousBy)) + "). Nothing changed.";
        }
        return ReconcileService.REMOVING.equals(resolution)
                ? ":hourglass_flowing_sand: Removing `" + Mrkdwn.escape(member) + "` from the Lightsail group; the "
                        + "outcome will be posted."
                : ":white_check_mark: `" + Mrkdwn.escape(member) + "` stays in the group; it will not be reported "
                        + "again.";
    }

    static String summaryFallback(String group, int members) {
        return members + " IAM users are in " + group + " without a grant from Lightsail Access.";
    }

    static String summaryTitle(String group) {
        return "Members of " + group + " that Lightsail Access never granted";
    }

    static String summaryFileName(String group) {
        return "not-granted-" + group.replaceAll("[^A-Za-z0-9_.-]", "_") + ".csv";
    }

    /**
     * Members nobody granted, found together (the first look at a group that predates the bot, or many at once): one
     * summary, their list being the CSV shared just before, answered for all of them at once.
     */
    static List<LayoutBlock> summary(long summaryId, String group, int members, boolean first, String uploadFailure) {
        String list = uploadFailure == null ? "They are listed in the CSV above."
                : "Their list could not be shared (" + Mrkdwn.escape(uploadFailure) + "); each is in the audit "
                        + "trail as `reconciliation: member-not-granted` (`/lightsail-audit`).";
        String found = first ? ":mag: First look at `" + Mrkdwn.escape(group) + "`: *" + members + " members* are in "
                + "it that Lightsail Access never granted (someone added them by hand, or they predate the bot). "
                : ":mag: *" + members + " members* of `" + Mrkdwn.escape(group) + "` that Lightsail Access never "
                        + "granted were found at once (added by hand, or back after a removal that failed). ";
        return List.of(
                section(s -> s.text(markdownText(found + list + " Decide for all of them at once; a member who "
                        + "joins later is reported on its own."))),
                actions(a -> a.blockId("member_summary").elements(List.of(
                        button(b -> b.actionId(Ids.REMOVE_FROM_GROUP).value(String.valueOf(summaryId))
                                .style("danger").text(plainText("Remove all " + members))),
                        button(b -> b.actionId(Ids.KEEP_IN_GROUP).value(String.valueOf(summaryId))
                                .text(plainText("Keep all")))))));
    }

    /** The answer to an admin's Remove all or Keep all on a summary. */
    static String resolvedAll(String group, String resolution, String previous, String previousBy) {
        if (previous != null) {
            return ":information_source: The members of `" + Mrkdwn.escape(group) + "` in that list were already "
                    + "decided (" + previous + (previousBy == null ? "" : " by " + Mrkdwn.user(previousBy))
                    + "). Nothing changed.";
        }
        return ReconcileService.REMOVING.equals(resolution)
                ? ":hourglass_flowing_sand: Removing the members in that list from `" + Mrkdwn.escape(group)
                        + "`; the outcome will be posted."
                : ":white_check_mark: The members in that list stay in `" + Mrkdwn.escape(group) + "`; they will "
                        + "not be reported again.";
    }

    /** Remove all is done: once. */
    static String removedAll(String group, int removed, List<String> failed, int grantedSince) {
        StringBuilder out = new StringBuilder(":lock: Remove all: " + removed + (removed == 1 ? " member was" :
                " members were") + " removed from `" + Mrkdwn.escape(group) + "`.");
        if (grantedSince > 0) {
            out.append(' ').append(grantedSince).append(grantedSince == 1 ? " stays: it has" : " stay: they have")
                    .append(" a grant from Lightsail Access now.");
        }
        if (!failed.isEmpty()) {
            List<String> named = failed.stream().limit(10).map(m -> "`" + Mrkdwn.escape(m) + "`").toList();
            out.append(' ').append(failed.size()).append(" could not be removed (").append(String.join(", ", named))
                    .append(failed.size() > named.size() ? ", …" : "").append("); the next reconciliation reports "
                            + "each again while it is still there.");
        }
        return out.toString();
    }

    /** The group reconciliation reads is not in IAM. Once, until it is there again. */
    static String groupMissing(String group, int grants) {
        return ":warning: Reconciliation found no IAM group `" + Mrkdwn.escape(group) + "` (a renamed "
                + "`LIGHTSAIL_IAM_GROUP`, or a group deleted in IAM). No grant was changed"
                + (grants == 0 ? "" : " (" + grants + (grants == 1 ? " grant is" : " grants are") + " recorded as "
                + "current)") + ". Set `LIGHTSAIL_IAM_GROUP` to the group that exists, or let the next approval "
                + "create it again.";
    }

    /** A grant's end that IAM had not carried out: removed again now. Once per grant. */
    static String endOverdue(long grantId, String iamUserName, Revocation.Why why, String group) {
        String end = switch (why) {
            case GIVEN_BACK -> "it was given back";
            case DORMANT -> "its credentials went unused";
            default -> "its end came";
        };
        return ":hourglass: Request #" + grantId + " should have ended (" + end + "), but IAM user `"
                + Mrkdwn.escape(iamUserName) + "` was still in `" + Mrkdwn.escape(group) + "`: the removal had not "
                + "gone through. It is being removed again now.";
    }

    /** The group holds more than the seed says. Once, until it is put right. */
    static String groupDrift(String group, List<String> extra) {
        return ":rotating_light: IAM group `" + Mrkdwn.escape(group) + "` holds more than Lightsail Access put there: "
                + Mrkdwn.escape(String.join(", ", extra)) + ". Everyone in the group gets those rights too. Nobody is "
                + "added to the group until an admin takes them off in IAM.";
    }
}
