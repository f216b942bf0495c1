package com.lightsailaccess.revoke;

import com.lightsailaccess.revoke.Revocation.RevokeOutcome;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** {@code /lightsail-revoke}: admins only. Queues the revocation and answers at once; the outcome is posted. */
@ApplicationScoped
class RevokeCommand implements Listeners.Command {

    private final RevocationService revocations;
    private final AdminDirectory admins;

    public RevokeCommand(RevocationService revocations, AdminDirectory admins) {
        this.revocations = revocations;
        this.admins = admins;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        Optional<Response> refused = admins.refusal(p.getUserId(), ctx, AdminDirectory.notAnAdmin("revoke"));
        if (refused.isPresent()) {
            return refused.get();
        }
        RevokeCommandText.Parsed parsed = RevokeCommandText.parse(p.getText());
        RevokeOutcome outcome;
        if (parsed instanceof RevokeCommandText.SlackUser user) {
            outcome = revocations.revokeSlackUser(user.userId(), user.delete(), p.getUserId());
        } else if (parsed instanceof RevokeCommandText.IamUser user) {
            outcome = revocations.revokeIamUser(user.userName(), user.delete(), p.getUserId());
        } else {
            return Listeners.ephemeral(ctx, ((RevokeCommandText.Invalid) parsed).message());
        }
        return Listeners.ephemeral(ctx, RevokeMessages.revokeAnswer(outcome));
    }

    @Override
    public String command() {
        return Ids.REVOKE_COMMAND;
    }
}
