package com.lightsailaccess.request;

import com.lightsailaccess.credentials.CredentialHealth;
import com.lightsailaccess.credentials.KeyRotations;
import com.lightsailaccess.credentials.PasswordResets;
import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.model.AccessRequestService.RequestStatus;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.request.Filing.FileOutcome;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.revoke.RevocationService;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** {@code /lightsail-access}: the person's way in. Every answer is ephemeral and arrives with the ack. */
@ApplicationScoped
class AccessCommand implements Listeners.Command {

    /** Grants without MFA an admin's {@code status} names at most. */
    static final int NO_MFA_LISTED = 20;

    private final AccessRequestService requests;
    private final Filing filing;
    private final RevocationService revocations;
    private final SlackNotifier notifier;
    private final PasswordResets resets;
    private final KeyRotations rotations;
    private final CredentialHealth health;
    private final AdminDirectory admins;
    private final AfterAck afterAck;
    private final RequestChoices choices;
    private final LevelChoices levels;

    public AccessCommand(AccessRequestService requests, Filing filing, RevocationService revocations,
            PasswordResets resets, KeyRotations rotations, CredentialHealth health, AdminDirectory admins,
            SlackNotifier notifier, AfterAck afterAck, RequestChoices choices, LevelChoices levels) {
        this.levels = levels;
        this.requests = requests;
        this.filing = filing;
        this.revocations = revocations;
        this.resets = resets;
        this.rotations = rotations;
        this.health = health;
        this.admins = admins;
        this.notifier = notifier;
        this.afterAck = afterAck;
        this.choices = choices;
    }

    @Override
    public Response apply(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        AccessCommandText.Parsed parsed = AccessCommandText.parse(p.getText(), levels);
        if (parsed instanceof AccessCommandText.Help) {
            return Listeners.ephemeral(ctx, RequestMessages.help(choices) + RequestMessages.levelsHelp(levels,
                    p.getUserId()));
        }
        if (parsed instanceof AccessCommandText.GiveBack) {
            try {
                String person = p.getUserId();
                return Listeners.ephemeral(ctx, revocations.giveBack(requests.currentGrantOf(person), person));
            } catch (DatabaseUnavailableException e) {
                return Listeners.ephemeral(ctx, Replies.unavailableNothingChanged());
            }
        }
        if (parsed instanceof AccessCommandText.ResetPassword) {
            return Listeners.ephemeral(ctx, resets.answer(p.getUserId(), p.getTriggerId()));
        }
        if (parsed instanceof AccessCommandText.RotateKey) {
            return Listeners.ephemeral(ctx, rotations.answer(p.getUserId(), p.getTriggerId()));
        }
        if (parsed instanceof AccessCommandText.Status) {
            try {
                RequestStatus status = requests.status(p.getUserId());
                String own = RequestMessages.status(status, health.describe(status.latest()
                        .map(latest -> List.of(latest.requestId())).orElse(List.of())));
                // Admins also see the grants whose console user has not set up the MFA that is required.
                Optional<String> noMfa = admins.check(p.getUserId()) == AdminDirectory.Verdict.ADMIN
                        ? health.withoutMfa(NO_MFA_LISTED) : Optional.empty();
                return Listeners.ephemeral(ctx, own + noMfa.map(list -> "\n\n" + list).orElse(""));
            } catch (DatabaseUnavailableException e) {
                return Listeners.ephemeral(ctx, Replies.unavailable());
            }
        }
        if (parsed instanceof AccessCommandText.OpenModal open) {
            RequestMessages.Result<View> form = RequestMessages.requestForm(levels, choices, p.getUserId(),
                    open.level());
            if (form instanceof RequestMessages.Result.Refused<View> refused) {
                return Listeners.ephemeral(ctx, refused.why());
            }
            // The trigger_id is valid for 3 seconds: open the modal right after the ack, not from a job.
            String triggerId = p.getTriggerId();
            View modal = ((RequestMessages.Result.Ok<View>) form).value();
            afterAck.openView(() -> notifier.openModal(triggerId, modal));
            return ctx.ack();
        }
        if (parsed instanceof AccessCommandText.File f) {
            Optional<String> refusal = RequestMessages.mayNotAsk(levels, f.level(), p.getUserId());
            if (refusal.isPresent()) {
                return Listeners.ephemeral(ctx, refusal.get());
            }
            FileOutcome outcome = filing.file(new Requester(p.getUserId(), p.getTeamId(), p.getEnterpriseId()),
                    f.level(), f.levelNamed(), f.type(), f.duration(), f.reason(), p.getResponseUrl());
            return Listeners.ephemeral(ctx, RequestMessages.answer(outcome));
        }
        return Listeners.ephemeral(ctx, ((AccessCommandText.Invalid) parsed).message());
    }

    @Override
    public String command() {
        return Ids.ACCESS_COMMAND;
    }
}
