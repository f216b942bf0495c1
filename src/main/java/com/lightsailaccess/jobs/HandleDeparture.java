package com.lightsailaccess.jobs;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.access.RevocationService;
import com.lightsailaccess.access.RevokeOutcome;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.User;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A {@code user_change} said an account was deactivated. Confirmed with {@code users.info} (events can be stale
 * or forged by a compromised proxy), then the same revocation as {@code /lightsail-revoke} without {@code delete},
 * and the team is told, with a button to delete the IAM user too.
 */
@ApplicationScoped
public class HandleDeparture implements JobHandler {

    static final String ACTOR = "slack-deactivation";
    private static final Logger LOG = Logger.getLogger(HandleDeparture.class);

    private final RevocationService revocations;
    private final SlackNotifier notifier;

    public HandleDeparture(RevocationService revocations, SlackNotifier notifier) {
        this.revocations = revocations;
        this.notifier = notifier;
    }

    @Override
    public JobKind kind() {
        return JobKind.HANDLE_DEPARTURE;
    }

    @Override
    public JobResult run(Job job) {
        String slackUserId = job.payload();
        User user;
        try {
            user = notifier.userInfo(slackUserId);
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return JobResult.retryAfterSlack(e);
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
        RevokeOutcome outcome = revocations.revokeSlackUser(slackUserId, false, ACTOR);
        if (outcome instanceof RevokeOutcome.Unavailable) {
            return JobResult.retry("database unavailable");
        }
        try {
            if (outcome instanceof RevokeOutcome.PendingCancelled) {
                notifier.postTextToApprovalChannel(Messages.revokeAnswer(outcome));
            }
            // Queued now, or already queued by an earlier attempt of this job whose notice did not get through.
            Long requestId = outcome instanceof RevokeOutcome.Queued q ? Long.valueOf(q.requestId())
                    : outcome instanceof RevokeOutcome.InProgress p ? Long.valueOf(p.requestId()) : null;
            if (requestId != null) {
                String iamUserName = revocations.find(requestId).map(AccessRequest::iamUserName).orElse("?");
                notifier.postToApprovalChannel(Messages.departureFallback(slackUserId),
                        Messages.departureNotice(requestId, slackUserId, iamUserName));
            }
        } catch (SlackCallException e) {
            return e.transientFailure() ? JobResult.retryAfterSlack(e) : JobResult.failed(e.getMessage());
        }
        return JobResult.done();
    }

    @Override
    public void giveUp(Job job, String reason) {
        try {
            notifier.postTextToApprovalChannel(Messages.departureFailedNotice(job.payload(), reason));
        } catch (SlackCallException e) {
            LOG.warnf("Could not tell the admins that the departure of %s was not handled: %s", job.payload(),
                    e.getMessage());
        }
    }
}
