package com.lightsailaccess.grant;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one direct message, or the one reveal modal, that carries credentials. Built in memory right before it is
 * sent and never kept:
 * {@link #toString()} hides the secrets, and nothing else in the bot receives this object.
 */
record CredentialsMessage(long requestId, String iamUserName, String signInUrl,
        Optional<String> consolePasswordSecret, Optional<String> accessKeyId,
        Optional<String> secretAccessKeySecret, boolean mfaRequired) {

    public static final String LIGHTSAIL_CONSOLE = "https://lightsail.aws.amazon.com/";

    /** The direct message (delivery {@code dm}). */
    public List<LayoutBlock> blocks() {
        return blocks(":warning: *This is the only time these are shown.* Save them "
                + "in your password manager now, then delete this message (hover it → ⋯ → Delete message). "
                + "Lost them? Ask an admin to revoke and approve a new request.");
    }

    /** The reveal modal's content (delivery {@code reveal}): nothing of it stays in Slack's history. */
    public List<LayoutBlock> revealBlocks() {
        return blocks(":warning: *This is the only time these are shown.* Save them in your password manager "
                + "before you close this window: Slack keeps no copy, and the bot keeps none either. "
                + "Lost them? Ask an admin to revoke and approve a new request.");
    }

    private List<LayoutBlock> blocks(String warning) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your Amazon Lightsail access is ready"))));
        StringBuilder who = new StringBuilder()
                .append("*IAM user:* `").append(iamUserName).append("`\n")
                .append("*Sign in:* ").append(signInUrl).append('\n')
                .append("*Lightsail console:* ").append(LIGHTSAIL_CONSOLE);
        blocks.add(section(s -> s.text(markdownText(who.toString()))));
        consolePasswordSecret.ifPresent(password -> blocks.add(section(s -> s.text(markdownText(
                "*Console password:* `" + password + "`\n" + firstSignIn())))));
        if (accessKeyId.isPresent() && secretAccessKeySecret.isPresent()) {
            String text = "*Access key ID:* `" + accessKeyId.get() + "`\n*Secret access key:* `"
                    + secretAccessKeySecret.get() + "`\nUse them with the AWS CLI (`aws configure`) or an SDK.";
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        blocks.add(section(s -> s.text(markdownText(warning))));
        blocks.add(context(c -> c.elements(List.of(markdownText("New credentials can take a few seconds to start "
                + "working (IAM is eventually consistent). Request #" + requestId + ".")))));
        return blocks;
    }

    /** What the first console sign-in asks of the person, step by step when MFA is required. */
    private String firstSignIn() {
        if (!mfaRequired) {
            return "You must choose a new password when you first sign in.";
        }
        return "At your first sign-in:\n1. Choose a new password (AWS asks for it at once).\n"
                + "2. Add an MFA device: your name at the top right → *Security credentials* → *Assign MFA device*.\n"
                + "3. Sign out and sign in again with the MFA code. Until then the console allows nothing else.";
    }

    @Override
    public String toString() {
        return "CredentialsMessage[request=" + requestId + ", iamUser=" + iamUserName + ", password="
                + (consolePasswordSecret.isPresent() ? "***" : "none") + ", accessKeyId=" + accessKeyId.orElse("none")
                + ", secretAccessKey=" + (secretAccessKeySecret.isPresent() ? "***" : "none") + "]";
    }
}
