package com.lightsailaccess.credentials;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.lightsailaccess.iam.IamCredentials.KeyUse;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a holder sees of an access key's rotation: the new key once, the overlap, the old key's end. */
final class RotationMessages {

    static final String PREPARING = ":hourglass_flowing_sand: Making a new access key… Keep this window open: it "
            + "appears here in a few seconds.";

    private RotationMessages() {
    }

    static View modal(String text) {
        return modal(List.of(section(s -> s.text(markdownText(text)))));
    }

    static View modal(List<LayoutBlock> blocks) {
        return ResetMessages.modal(Ids.ROTATE_MODAL, "New access key", blocks);
    }

    static String newKeyFallback(long grantId) {
        return "Your new access key (request #" + grantId + ")";
    }

    /** The new key with its secret, in the DM or the modal: built right before it is sent, never kept. */
    static List<LayoutBlock> newKey(long grantId, String iamUserName, String accessKeyId, String secretAccessKeySecret,
            String oldKeyId, Optional<Instant> oldKeyUntil, boolean inModal) {
        String warning = inModal ? ":warning: *This is the only time the secret is shown.* Save it before you close "
                + "this window: Slack keeps no copy, and the bot keeps none either."
                : ":warning: *This is the only time the secret is shown.* Save it now, then delete this message "
                        + "(hover it → ⋯ → Delete message).";
        return List.of(header(h -> h.text(plainText("Your new access key"))),
                section(s -> s.text(markdownText("*IAM user:* `" + Mrkdwn.escape(iamUserName) + "`\n"
                        + "*Access key ID:* `" + accessKeyId + "`\n*Secret access key:* `" + secretAccessKeySecret
                        + "`\nUse them with the AWS CLI (`aws configure`) or an SDK."))),
                section(s -> s.text(markdownText(warning))),
                context(c -> c.elements(List.of(markdownText("Your old key `" + oldKeyId + "` " + oldKeyUntil
                        .map(until -> "keeps working until " + Mrkdwn.date(until) + ", so you can switch")
                        .orElse("was inactive already") + ". Request #" + grantId + ".")))));
    }

    /** The DM without a secret that follows every rotation: the overlap, and Retire the old key. */
    static List<LayoutBlock> overlap(long grantId, String newKeyId, String oldKeyId, Instant until) {
        return List.of(section(s -> s.text(markdownText(":arrows_counterclockwise: Your access key was rotated: the "
                + "new one is `" + newKeyId + "`. The old key `" + oldKeyId + "` keeps working until "
                + Mrkdwn.date(until) + "; then it is made inactive, and deleted a while later. Switched already? "
                + "Retire it now."))), actions(a -> a.blockId("rotation").elements(List.of(
                        button(b -> b.actionId(Ids.RETIRE_OLD_KEY).value(String.valueOf(grantId)).style("danger")
                                .text(plainText("Retire the old key")))))));
    }

    static String overlapFallback(long grantId) {
        return "Your access key was rotated (request #" + grantId + ")";
    }

    /** At deactivation: when the old key was last used, and Reactivate. */
    static List<LayoutBlock> retired(long grantId, String oldKeyId, Optional<KeyUse> lastUse, Instant deletedAt) {
        return List.of(section(s -> s.text(markdownText(":no_entry: Your old access key `" + oldKeyId + "` is "
                + "inactive now: it no longer works. It was " + lastUsed(lastUse) + ". It is deleted "
                + Mrkdwn.date(deletedAt) + "; if something still needs it, reactivate it before then."))),
                actions(a -> a.blockId("retired").elements(List.of(button(b -> b.actionId(Ids.REACTIVATE_KEY)
                        .value(String.valueOf(grantId)).text(plainText("Reactivate")))))));
    }

    static String retiredFallback(String oldKeyId) {
        return "Your old access key " + oldKeyId + " is inactive now";
    }

    /** After Reactivate: the old key works again, until the overlap ends again. */
    static List<LayoutBlock> reactivated(long grantId, String oldKeyId, Instant until) {
        return List.of(section(s -> s.text(markdownText(":arrows_counterclockwise: Your old access key `" + oldKeyId
                + "` works again, until " + Mrkdwn.date(until) + ". Move what still uses it to the new key, then "
                + "retire it."))), actions(a -> a.blockId("reactivated").elements(List.of(
                        button(b -> b.actionId(Ids.RETIRE_OLD_KEY).value(String.valueOf(grantId)).style("danger")
                                .text(plainText("Retire the old key")))))));
    }

    static String deleted(String oldKeyId) {
        return ":wastebasket: Your old access key `" + oldKeyId + "` was deleted, as its rotation said.";
    }

    /** The reminder when the active key is older than {@code LIGHTSAIL_KEY_MAX_AGE}: its age, its last use. */
    static List<LayoutBlock> tooOld(long grantId, String keyId, Duration age, Optional<KeyUse> lastUse,
            String maxAge) {
        return List.of(section(s -> s.text(markdownText(":key: Your access key `" + keyId + "` is " + age.toDays()
                + " days old (keys are rotated every " + maxAge + " here). It was " + lastUsed(lastUse) + ". Rotate "
                + "it: you get a new key, and the old one keeps working for a while so you can switch."))),
                actions(a -> a.blockId("key_age").elements(List.of(button(b -> b.actionId(Ids.ROTATE_KEY)
                        .value(String.valueOf(grantId)).style("primary").text(plainText("Rotate now")))))));
    }

    static String tooOldFallback(String keyId) {
        return "Your access key " + keyId + " is due for rotation";
    }

    /** {@code last used <date> (lightsail, us-east-1)}, or {@code never used}. */
    static String lastUsed(Optional<KeyUse> use) {
        return use.map(u -> "last used " + Mrkdwn.date(u.at()) + " (" + Mrkdwn.escape(u.service()) + ", "
                + Mrkdwn.escape(u.region()) + ")").orElse("never used");
    }

    /** As {@link #lastUsed}, for the audit trail: the date as ISO-8601. */
    static String lastUsedPlain(Optional<KeyUse> use) {
        return use.map(u -> "last used " + u.at() + " (" + u.service() + ", " + u.region() + ")").orElse("never used");
    }
}
