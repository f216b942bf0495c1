package com.lightsailaccess.audit;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * {@code /lightsail-audit}: admins only. Answers at once with the newest matching audit events; the CSV of all of
 * them is a job (the upload takes three Web API calls, longer than Slack's 3 s allow).
 */
@ApplicationScoped
class AuditCommand implements Listeners.Command {

    private final AuditExports exports;
    private final AdminDirectory admins;

    public AuditCommand(AuditExports exports, AdminDirectory admins) {
        this.exports = exports;
        this.admins = admins;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Optional<Response> refused = admins.refusal(p.getUserId(), ctx, AuditMessages.notAnAdmin());
        if (refused.isPresent()) {
            return refused.get();
        }
        AuditCommandText.Parsed parsed = AuditCommandText.parse(p.getText());
        if (parsed instanceof AuditCommandText.Invalid invalid) {
            return Listeners.ephemeral(ctx, invalid.message());
        }
        AuditCommandText.Query query = (AuditCommandText.Query) parsed;
        AuditSummary summary = exports.export(p.getUserId(), query.filter());
        if (summary instanceof AuditSummary.Found found) {
            return Listeners.ephemeral(ctx, AuditMessages.summary(query.described(), found));
        }
        return Listeners.ephemeral(ctx, AuditMessages.unavailable());
    }

    @Override
    public String command() {
        return Ids.AUDIT_COMMAND;
    }
}
