package com.lightsailaccess.slack.commands;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.blocks.Messages;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import java.util.Optional;

/** The gate of an admins-only command: the ephemeral refusal when the caller is not one (or cannot be told). */
final class AdminOnly {

    private AdminOnly() {
    }

    static Optional<Response> refusal(AdminDirectory admins, String userId, SlashCommandContext ctx,
            String notAnAdmin) {
        AdminDirectory.Verdict verdict = admins.check(userId);
        if (verdict == AdminDirectory.Verdict.UNKNOWN) {
            return Optional.of(AccessCommand.ephemeral(ctx, Messages.adminsUnknown()));
        }
        if (verdict == AdminDirectory.Verdict.NOT_ADMIN) {
            return Optional.of(AccessCommand.ephemeral(ctx, notAnAdmin));
        }
        return Optional.empty();
    }
}
