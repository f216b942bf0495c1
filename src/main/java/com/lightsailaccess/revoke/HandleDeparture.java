package com.lightsailaccess.revoke;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.revoke.Revocation.RevokeOutcome;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A {@code user_change} said an account was deactivated, demoted to a guest, or is no longer of the organisation (or
 * reconciliation asks about a holder). Confirmed with {@code users.info} (events can be stale or forged by a
 * compromised proxy), then the same revocation as {@code /lightsail-revoke} without {@code delete}, and the team is
 * told why, with a button to delete the IAM user too. Who may hold access is the rule of {@link
 * AdminDirectory#refusalFor}.
 */
@ApplicationScoped
class HandleDeparture implements JobHandler<Departure> {

    public static final JobType<Departure> TYPE = JobType.of("HANDLE_DEPARTURE", Departure.class);

    /** The subject (its own job order) of reconciliation's check of a holder's account. */
    public static final String ACCOUNT_CHECK = "account-check:";
    private static final Logger LOG = Logger.getLogger(HandleDeparture.class);

    private final RevocationService revocations;
    private final SlackNotifier notifier;
    private final Notices notices;

    public HandleDeparture(RevocationService revocations, SlackNotifier notifier, Notices notices) {
        this.revocations = revocations;
        this.notifier = notifier;
        this.notices = notices;
    }

    @Override
    public JobType<Departure> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        String slackUserId = job.payload(TYPE).slackUserId();
        User user;
        try {
            user = notifier.userInfo(slackUserId);
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return e.retryResult();
            }
            if (!"user_not_found".equals(e.error())) {
                // The departure cannot be confirmed (invalid_auth, missing_scope…): act on nothing unconfirmed.
                LOG.warnf("Could not confirm the departure of %s: %s", slackUserId, e.getMessage());
                return JobResult.failed(e.getMessage());
            }
            // The account is gone entirely, which is a departure too.
            user = null;
        }
        String actor = actorFor(user);
        if (actor == null) {
            LOG.debugf("users.info says %s may still hold access: nothing to do", slackUserId);
            return JobResult.done();
        }
        // The revocation posts the departure notice (with a button to delete the IAM user) when it is done.
        RevokeOutcome outcome = revocations.departed(slackUserId, actor);
        if (outcome instanceof RevokeOutcome.Unavailable) {
            return JobResult.retry("database unavailable");
        }
        List<RevokeOutcome> outcomes = outcome instanceof RevokeOutcome.Many many ? many.outcomes() : List.of(outcome);
        for (RevokeOutcome one : outcomes) {
            if (one instanceof RevokeOutcome.PendingCancelled cancelled) {
                notices.send(cancelled.requestId(), Notice.toApprovalChannel(RevokeMessages.revokeAnswer(one)));
            }
        }
        return JobResult.done();
    }

    /** What Slack says of the account as a departure's actor, or null when it may still hold access. */
    private static String actorFor(User user) {
        if (user == null || user.isDeleted()) {
            return Revocation.DEACTIVATED;
        }
        // The organisation is not known here (a person's grants may come from several workspaces of one Grid):
        // the account itself says whether it is a guest or a stranger.
        if (AdminDirectory.refusalFor(user, null, null).isEmpty()) {
            return null;
        }
        return user.isRestricted() || user.isUltraRestricted() ? Revocation.GUEST : Revocation.STRANGER;
    }

    @Override
    public void giveUp(Job job, String reason) {
        if (job.subject() != null && job.subject().startsWith(ACCOUNT_CHECK)) {
            // Reconciliation's routine check, not a reported departure: nothing was said to be wrong, and the next
            // run checks again (a Slack outage must not raise an alarm per holder).
            LOG.warnf("Could not check the Slack account of %s: %s; the next reconciliation checks again",
                    job.payload(TYPE).slackUserId(), reason);
            return;
        }
        // Queued with the job's end, like every notice: the admins take over.
        notices.send(null, Notice.toApprovalChannel(RevokeMessages.departureFailedNotice(
                job.payload(TYPE).slackUserId(), reason)));
    }
}
