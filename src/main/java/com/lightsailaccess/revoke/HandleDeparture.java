package com.lightsailaccess.revoke;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobResult;
import com.lightsailaccess.slack.notify.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.lightsailaccess.slack.notify.SlackResults;
import com.slack.api.model.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * A {@code user_change} said an account was deactivated. Confirmed with {@code users.info} (events can be stale
 * or forged by a compromised proxy), then the same revocation as {@code /lightsail-revoke} without {@code delete},
 * and the team is told, with a button to delete the IAM user too.
 */
@ApplicationScoped
public class HandleDeparture implements JobHandler {

    public static final String ACTOR = "slack-deactivation";
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
    public JobKind kind() {
        return JobKind.HANDLE_DEPARTURE;
    }

    @Override
    public JobResult run(Job job) {
        String slackUserId = job.payload(Departure.class).slackUserId();
        User user;
        try {
            user = notifier.userInfo(slackUserId);
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return SlackResults.retry(e);
            }
            if (!"user_not_found".equals(e.error())) {
                // The departure cannot be confirmed (invalid_auth, missing_scope…): act on nothing unconfirmed.
                LOG.warnf("Could not confirm the departure of %s: %s", slackUserId, e.getMessage());
                return JobResult.failed(e.getMessage());
            }
            // The account is gone entirely, which is a departure too.
            user = null;
        }
        if (user != null && !user.isDeleted()) {
            LOG.infof("user_change for %s, but users.info says the account is active: nothing to do", slackUserId);
            return JobResult.done();
        }
        // The revocation posts the departure notice (with a button to delete the IAM user) when it is done.
        RevokeOutcome outcome = revocations.departed(slackUserId, ACTOR);
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

    @Override
    public void giveUp(Job job, String reason) {
        // Queued with the job's end, like every notice: the admins take over.
        notices.send(null, Notice.toApprovalChannel(RevokeMessages.departureFailedNotice(
                job.payload(Departure.class).slackUserId(), reason)));
    }
}
