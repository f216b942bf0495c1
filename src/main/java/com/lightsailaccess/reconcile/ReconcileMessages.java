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
        return "removing".equals(resolution)
                ? ":hourglass_flowing_sand: Removing `" + Mrkdwn.escape(member) + "` from the Lightsail group; the "
                        + "outcome will be posted."
                : ":white_check_mark: `" + Mrkdwn.escape(member) + "` stays in the group; it will not be reported "
                        + "again.";
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
