package com.lightsailaccess.slack.commands;

import com.lightsailaccess.access.AccessRequestService;
import com.lightsailaccess.access.DatabaseUnavailableException;
import com.lightsailaccess.access.FileOutcome;
import com.lightsailaccess.access.Requester;
import com.lightsailaccess.access.Revocation;
import com.lightsailaccess.access.RevocationService;
import com.lightsailaccess.access.RevokeOutcome;
import com.lightsailaccess.config.BotSettings;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.LifetimeMessages;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** {@code /lightsail-access}: the person's way in. Every answer is ephemeral and arrives with the ack. */
@ApplicationScoped
public class AccessCommand implements Listeners.Command {

    private final AccessRequestService requests;
    private final RevocationService revocations;
    private final SlackNotifier notifier;
    private final AfterAck afterAck;
    private final BotSettings settings;

    public AccessCommand(AccessRequestService requests, RevocationService revocations, SlackNotifier notifier,
            AfterAck afterAck, BotSettings settings) {
        this.requests = requests;
        this.revocations = revocations;
        this.notifier = notifier;
        this.afterAck = afterAck;
        this.settings = settings;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        AccessCommandText.Parsed parsed = AccessCommandText.parse(p.getText(), settings.defaultAccess(),
                settings.lifetimes());
        if (parsed instanceof AccessCommandText.Help) {
            return ephemeral(ctx, Messages.help(settings.defaultAccess(), settings.lifetimes()));
        }
        if (parsed instanceof AccessCommandText.GiveBack) {
            try {
                String person = p.getUserId();
                return ephemeral(ctx, LifetimeMessages.giveBackAnswer(requests.currentGrantOf(person)
                        .map(grant -> revocations.endGrant(grant, person, Revocation.Why.GIVEN_BACK,
                                Optional.of(person)))
                        .orElse(new RevokeOutcome.NothingKnown(person, null))));
            } catch (DatabaseUnavailableException e) {
                return ephemeral(ctx, LifetimeMessages.unavailableNothingChanged());
            }
        }
        if (parsed instanceof AccessCommandText.Status) {
            try {
                return ephemeral(ctx, Messages.status(requests.status(p.getUserId())));
            } catch (DatabaseUnavailableException e) {
                return ephemeral(ctx, Messages.unavailable());
            }
        }
        if (parsed instanceof AccessCommandText.OpenModal) {
            // The trigger_id is valid for 3 seconds: open the modal right after the ack, not from a job.
            String triggerId = p.getTriggerId();
            afterAck.run("views.open", () -> notifier.openModal(triggerId,
                    Messages.requestModal(settings.defaultAccess(), settings.lifetimes())));
            return ctx.ack();
        }
        if (parsed instanceof AccessCommandText.File f) {
            FileOutcome outcome = requests.file(new Requester(p.getUserId(), p.getTeamId(), p.getEnterpriseId()),
                    f.type(), f.duration(), f.reason(), p.getResponseUrl());
            return ephemeral(ctx, Messages.answer(outcome));
        }
        return ephemeral(ctx, ((AccessCommandText.Invalid) parsed).message());
    }

    public static Response ephemeral(SlashCommandContext ctx, String text) {
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
    }

    @Override
    public String command() {
        return Ids.ACCESS_COMMAND;
    }
}
