package com.lightsailaccess.slack;

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
            return Optional.of(Listeners.ephemeral(ctx, AdminOnly.adminsUnknown()));
        }
        if (verdict == AdminDirectory.Verdict.NOT_ADMIN) {
            return Optional.of(Listeners.ephemeral(ctx, notAnAdmin));
        }
        return Optional.empty();
    }

    public static String notAnAdmin(String verb) {
        return ":no_entry: Only Lightsail Access admins can " + verb + " requests. Nothing changed.";
    }

    public static String adminsUnknown() {
        return ":warning: The admin list could not be checked right now, so nothing changed. Please try again in a "
                + "minute.";
    }
}
