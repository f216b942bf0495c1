package com.lightsailaccess.credentials;

import com.lightsailaccess.credentials.SelfService.Asked;
import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.grant.Reveals.OpenRevocations;
import com.lightsailaccess.grant.Reveals;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A forgotten console password, reset by its holder ({@code /lightsail-access reset-password}, or the Home tab's
 * button): no approval, but only for the holder of an active grant with console access, at most once per
 * {@code LIGHTSAIL_RESET_COOLDOWN}, and never while a revocation of the grant is open. The new password is made by a
 * job ({@link ResetPassword}) and shown once, by the configured delivery; the approval channel is told that it
 * happened, never what it is.
 */
@ApplicationScoped
public class PasswordResets {

    /** The audit action of a reset that reached its holder: the cooldown counts these. */
    static final String RESET = "password reset";

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final JobQueue jobs;
    private final OpenRevocations revocations;
    private final Reveals reveals;
    private final Notices notices;
    private final ResetCooldown cooldown;
    private final SelfService selfService;
    private final Clock clock;

    PasswordResets(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs, OpenRevocations revocations,
            Reveals reveals, Notices notices, ResetCooldown cooldown, SelfService selfService, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.revocations = revocations;
        this.reveals = reveals;
        this.notices = notices;
        this.cooldown = cooldown;
        this.selfService = selfService;
        this.clock = clock;
    }

    /** Whether the holder's new password is shown in a modal (delivery {@code reveal}) rather than a DM. */
    boolean inModal() {
        return reveals.chosen();
    }

    /**
     * The command's or the Home tab button's answer to {@code person}, given with the acknowledgement: a refusal,
     * or where the new password is coming (with delivery {@code reveal}, the modal {@code triggerId} opens).
     */
    public String answer(String person, String triggerId) {
        return selfService.answer(() -> ask(person), person, triggerId, ResetMessages::modal, ResetMessages.PREPARING,
                this::start,
                ":key: Your new console password appears in the window that opens now; your old one stops working "
                        + "when it does. No window? Nothing changed: ask again.");
    }

    /**
     * {@code person} asks for a new console password, on the acknowledgement path: refused with the reason, queued
     * (delivery {@code dm}), or to be shown in a modal the caller opens ({@link #start}).
     */
    @AckPath
    Asked ask(String person) {
        Optional<Long> grantId = requests.latestGrantOf(person, List.of(RequestState.ACTIVE));
        if (grantId.isEmpty()) {
            return new Asked.Refused(":information_source: You have no active Lightsail access, so there is no "
                    + "console password to reset. Nothing changed.");
        }
        AccessRequest grant = requests.lock(grantId.get());
        Optional<String> refusal = refusal(grant, person);
        if (refusal.isPresent()) {
            return new Asked.Refused(refusal.get());
        }
        if (inModal()) {
            return new Asked.ShowInModal(grant.id());
        }
        return queue(grant, person, new ShownIn(null)).<Asked>map(Asked.Refused::new).orElseGet(() ->
                new Asked.Queued(":key: A new console password for `" + Mrkdwn.escape(grant.iamUserName())
                        + "` is on its way in a direct message from the bot. Your old one stops working now."));
    }

    /**
     * Delivery {@code reveal}: the modal is open ({@code viewId}); the reset is queued to show the password in it,
     * if it may still happen. Returns the reason when it may not (the modal says so instead).
     */
    @Transactional
    Optional<String> start(long grantId, String person, String viewId) {
        AccessRequest grant = requests.lock(grantId);
        Optional<String> refusal = refusal(grant, person);
        return refusal.isPresent() ? refusal : queue(grant, person, new ShownIn(viewId));
    }

    private Optional<String> queue(AccessRequest grant, String person, ShownIn target) {
        if (!jobs.enqueueOnce(ResetPassword.TYPE, grant.id(), person, target, "reset-password:" + grant.id(),
                clock.instant())) {
            return Optional.of(":hourglass_flowing_sand: A new console password is being made for you already. "
                    + "Nothing more changed.");
        }
        audit.record(grant.id(), person, "password reset asked", "IAM user " + grant.iamUserName() + "; shown "
                + (target.inModal() ? "once in a modal" : "by direct message"));
        return Optional.empty();
    }

    /** Why {@code person} may not reset the password of {@code grant} now; empty when they may. */
    private Optional<String> refusal(AccessRequest grant, String person) {
        Optional<String> standing = standing(grant, person);
        if (standing.isPresent()) {
            return standing;
        }
        Optional<Instant> last = audit.lastBy(person, RESET);
        if (last.isPresent() && last.get().plus(cooldown.length()).isAfter(clock.instant())) {
            return Optional.of(":hourglass: You reset your console password " + Mrkdwn.date(last.get()) + ". A "
                    + "new reset is possible from " + Mrkdwn.date(last.get().plus(cooldown.length())) + " (one every "
                    + cooldown.text() + "). Nothing changed.");
        }
        return Optional.empty();
    }

    /** Why the grant has no password its holder may reset, whenever they ask; empty when it has one. */
    private Optional<String> standing(AccessRequest grant, String person) {
        if (grant == null || !grant.requesterId().equals(person) || grant.state() != RequestState.ACTIVE
                || grant.isExtension()) {
            return Optional.of(":information_source: You have no active Lightsail access, so there is no console "
                    + "password to reset. Nothing changed.");
        }
        if (grant.dryRun() || grant.iamUserName() == null) {
            return Optional.of(":test_tube: Your access (request #" + grant.id() + ") was a dry run: there is no "
                    + "IAM user and no password to reset. Nothing changed.");
        }
        if (!grant.accessType().console()) {
            return Optional.of(":information_source: Your access (request #" + grant.id() + ") is programmatic "
                    + "only: it has no console password to reset. Nothing changed.");
        }
        if (revocations.revocationOpen(grant.id())) {
            return Optional.of(":information_source: Your access is being revoked, so its password is not reset. "
                    + "Nothing changed.");
        }
        return Optional.empty();
    }

    /**
     * Checked again by the job before it sets anything, under the grant's lock: the grant may have ended, or a
     * revocation begun, since the reset was asked for. Empty, with the reason, when it may not go on.
     */
    @Transactional
    Optional<String> whyNotNow(long grantId, String person) {
        return standing(requests.lock(grantId), person);
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
