package com.lightsailaccess.credentials;

import com.lightsailaccess.credentials.SelfService.Action;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A forgotten console password, reset by its holder ({@code /lightsail-access reset-password}, or the Home tab's
 * button): no approval, but only for the holder of an active grant with console access, at most once per
 * {@code LIGHTSAIL_RESET_COOLDOWN}, and never while a revocation of the grant is open ({@link SelfService}). The new
 * password is made by a job ({@link ResetPassword}) and shown once, by the configured delivery; the approval channel
 * is told that it happened, never what it is.
 */
@ApplicationScoped
public class PasswordResets {

    /** The audit action of a reset that reached its holder: the cooldown counts these. */
    static final String RESET = "password reset";

    private final AuditTrail audit;
    private final Notices notices;
    private final ResetCooldown cooldown;
    private final SelfService selfService;
    private final Clock clock;
    private final Action action;

    PasswordResets(AuditTrail audit, Notices notices, ResetCooldown cooldown, SelfService selfService, Clock clock) {
        this.audit = audit;
        this.notices = notices;
        this.cooldown = cooldown;
        this.selfService = selfService;
        this.clock = clock;
        this.action = new Action(ResetPassword.TYPE, "reset-password:", "console password", AccessType::console,
                "is programmatic only: it has no console password to reset", this::cooledDown, "password reset asked",
                grant -> ":key: A new console password for `" + Mrkdwn.escape(grant.iamUserName()) + "` is on its "
                        + "way in a direct message from the bot. Your old one stops working now.",
                ":hourglass_flowing_sand: A new console password is being made for you already. Nothing more "
                        + "changed.", ResetMessages::modal, ResetMessages.PREPARING,
                ":key: Your new console password appears in the window that opens now; your old one stops working "
                        + "when it does. No window? Nothing changed: ask again.");
    }

    /**
     * The command's or the Home tab button's answer to {@code person}, given with the acknowledgement: a refusal,
     * or where the new password is coming (with delivery {@code reveal}, the modal {@code triggerId} opens).
     */
    public String answer(String person, String triggerId) {
        return selfService.answer(action, person, triggerId);
    }

    /** At most one reset per {@code LIGHTSAIL_RESET_COOLDOWN} per person: a reason when the last one is too recent. */
    private Optional<String> cooledDown(AccessRequest grant) {
        Optional<Instant> last = audit.lastBy(grant.requesterId(), RESET);
        if (last.isPresent() && last.get().plus(cooldown.length()).isAfter(clock.instant())) {
            return Optional.of(":hourglass: You reset your console password " + Mrkdwn.date(last.get()) + ". A "
                    + "new reset is possible from " + Mrkdwn.date(last.get().plus(cooldown.length())) + " (one every "
                    + cooldown.text() + "). Nothing changed.");
        }
        return Optional.empty();
    }

    /** Checked again by the job, under the grant's lock, before it sets anything: empty when it may. */
    Optional<String> whyNotNow(long grantId, String person) {
        return selfService.whyNotNow(action, grantId, person);
    }

    /** The new password was shown: the trail and the approval channel hear of it (never the password itself). */
    @Transactional(Transactional.TxType.MANDATORY)
    void delivered(AccessRequest grant, boolean inModal) {
        audit.record(grant.id(), grant.requesterId(), RESET, "console password of IAM user " + grant.iamUserName()
                + " replaced (PasswordResetRequired=true); shown " + (inModal ? "once in a modal" : "by direct "
                + "message"));
        notices.send(grant.id(), Notice.toApprovalChannel(":key: " + Mrkdwn.user(grant.requesterId()) + " reset "
                + "the console password of IAM user `" + Mrkdwn.escape(grant.iamUserName()) + "` (request #"
                + grant.id() + ") " + Mrkdwn.date(clock.instant()) + ". The new password went to them only."));
    }

    /** A reset that did not reach its holder: recorded, and it does not count for the cooldown. */
    @Transactional
    void notDelivered(long grantId, String person, String why) {
        audit.record(grantId, person, "password reset not shown", why);
    }
}
