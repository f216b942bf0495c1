package com.lightsailaccess.credentials;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.grant.Reveals.OpenRevocations;
import com.lightsailaccess.grant.Reveals;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * What a holder's own actions on their credentials (a password reset, a key rotation) share. No approval, but only
 * for the holder of an active grant that has that credential, never while a revocation of it is open, one at a time,
 * and within each action's own limits. The answer is given with the acknowledgement; the new secret is made by the
 * action's job and shown once, by the configured delivery: in one DM, or with {@code reveal} in a modal that the
 * command's or the click's trigger opens right after the acknowledgement (Slack honours a trigger for 3 s).
 */
@ApplicationScoped
class SelfService {

    private static final Logger LOG = Logger.getLogger(SelfService.class);

    /**
     * One action: its job ({@code dedup} names the grant's one open job), what it renews ({@code what}: "console
     * password"), whether a grant's access type has it ({@code lacking}: the reason when not), its own limits
     * ({@code limits}: a reason to refuse, or empty), and its words.
     */
    record Action(JobType<ShownIn> job, String dedup, String what, Predicate<AccessType> has, String lacking,
            Function<AccessRequest, Optional<String>> limits, String askedAudit, Function<AccessRequest, String> queued,
            String busy, Function<String, View> modal, String preparing, String inModal) {
    }

    /** What asking came to. */
    sealed interface Asked {

        /** Nothing changed, and why. */
        record Refused(String answer) implements Asked {
        }

        /** The new secret comes by direct message: its job is queued. */
        record Queued(String answer) implements Asked {
        }

        /** Delivery {@code reveal}: a modal is opened now, and the job queued to show the secret in it. */
        record ShowInModal(long grantId) implements Asked {
        }
    }

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final JobQueue jobs;
    private final OpenRevocations revocations;
    private final Reveals reveals;
    private final SlackNotifier notifier;
    private final AfterAck afterAck;
    private final Clock clock;

    SelfService(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs, OpenRevocations revocations,
            Reveals reveals, SlackNotifier notifier, AfterAck afterAck, Clock clock) {
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.revocations = revocations;
        this.reveals = reveals;
        this.notifier = notifier;
        this.afterAck = afterAck;
        this.clock = clock;
    }

    /** The answer to {@code person}, given with the acknowledgement of the command or the click. */
    String answer(Action action, String person, String triggerId) {
        Asked asked;
        try {
            asked = ask(action, person);
        } catch (DatabaseUnavailableException e) {
            return Replies.unavailableNothingChanged();
        }
        return switch (asked) {
            case Asked.Refused refused -> refused.answer();
            case Asked.Queued queued -> queued.answer();
            case Asked.ShowInModal shown -> {
                afterAck.openView(() -> {
                    String viewId = notifier.openModal(triggerId, action.modal().apply(action.preparing()));
                    start(action, shown.grantId(), person, viewId).ifPresent(refusal -> afterAck.run(
                            "modal answer", () -> notifier.updateModal(viewId, action.modal().apply(refusal))));
                });
                yield action.inModal();
            }
        };
    }

    /** On the acknowledgement path: refused with the reason, queued (delivery {@code dm}), or to be shown in a modal. */
    @AckPath
    Asked ask(Action action, String person) {
        Optional<Long> grantId = requests.latestGrantOf(person, List.of(RequestState.ACTIVE));
        AccessRequest grant = grantId.map(requests::lock).orElse(null);
        Optional<String> refusal = whyNot(action, grant, person);
        if (refusal.isPresent()) {
            return new Asked.Refused(refusal.get());
        }
        if (reveals.chosen()) {
            return new Asked.ShowInModal(grant.id());
        }
        return queue(action, grant, person, new ShownIn(null)).<Asked>map(Asked.Refused::new)
                .orElseGet(() -> new Asked.Queued(action.queued().apply(grant)));
    }

    /** Delivery {@code reveal}: the modal is open; the job is queued to show the secret in it, if it may still be. */
    @Transactional
    Optional<String> start(Action action, long grantId, String person, String viewId) {
        AccessRequest grant = requests.lock(grantId);
        Optional<String> refusal = whyNot(action, grant, person);
        return refusal.isPresent() ? refusal : queue(action, grant, person, new ShownIn(viewId));
    }

    /** Checked again by the job before it makes anything, under the grant's lock: empty when it may go on. */
    @Transactional
    Optional<String> whyNotNow(Action action, long grantId, String person) {
        return whyNot(action, requests.lock(grantId), person);
    }

    private Optional<String> queue(Action action, AccessRequest grant, String person, ShownIn target) {
        if (!jobs.enqueueOnce(action.job(), grant.id(), person, target, action.dedup() + grant.id(),
                clock.instant())) {
            return Optional.of(action.busy());
        }
        audit.record(grant.id(), person, action.askedAudit(), "IAM user " + grant.iamUserName() + "; shown "
                + (target.inModal() ? "once in a modal" : "by direct message"));
        return Optional.empty();
    }

    /** Why {@code person} may not renew the credential of {@code grant} now; empty when they may. */
    private Optional<String> whyNot(Action action, AccessRequest grant, String person) {
        if (grant == null || !grant.requesterId().equals(person) || grant.state() != RequestState.ACTIVE
                || !grant.isGrant()) {
            return Optional.of(":information_source: You have no active Lightsail access, so there is no "
                    + action.what() + " to renew. Nothing changed.");
        }
        if (grant.dryRun() || grant.iamUserName() == null) {
            return Optional.of(":test_tube: Your access (request #" + grant.id() + ") was a dry run: there is no "
                    + "IAM user and no " + action.what() + ". Nothing changed.");
        }
        if (!action.has().test(grant.accessType())) {
            return Optional.of(":information_source: Your access (request #" + grant.id() + ") " + action.lacking()
                    + ". Nothing changed.");
        }
        if (revocations.revocationOpen(grant.id())) {
            return Optional.of(":information_source: Your access is being revoked, so its " + action.what()
                    + " is not renewed. Nothing changed.");
        }
        return action.limits().apply(grant);
    }

    /** Shows a new secret once: in its modal ({@code modal} of the blocks), or in one DM. */
    void show(String person, ShownIn target, Function<List<LayoutBlock>, View> modal, String fallback,
            List<LayoutBlock> blocks) throws SlackCallException {
        if (target.inModal()) {
            notifier.updateModal(target.viewId(), modal.apply(blocks));
        } else {
            notifier.directMessage(person, fallback, blocks);
        }
    }

    /**
     * Tells {@code person} what became of their action: in its modal when there is one ({@code modal} of the text),
     * else by DM. Best effort: the audit trail has what happened either way.
     */
    void tell(String person, ShownIn target, Function<String, View> modal, String text) {
        try {
            if (target.inModal()) {
                notifier.updateModal(target.viewId(), modal.apply(text));
            } else {
                notifier.directMessage(person, text);
            }
        } catch (SlackCallException e) {
            LOG.warnf("A holder could not be told what became of their own credentials' change: %s", e.getMessage());
        }
    }
}
