package com.lightsailaccess.slack;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.commands.AccessCommand;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import java.util.Optional;

/** The gate of an admins-only command: the ephemeral refusal when the caller is not one (or cannot be told). */
public final class AdminOnly {

    private AdminOnly() {
    }

    public static Optional<Response> refusal(AdminDirectory admins, String userId, SlashCommandContext ctx,
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
