package com.lightsailaccess.grant;

import com.lightsailaccess.iam.IamAccount;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamUsers.NotOurUserException;
import com.lightsailaccess.iam.IamUsers;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The seed document's console procedure, done by the bot: the policy and the group, the IAM user, a console
 * password and/or an access key, group membership, and the one direct message that carries the credentials.
 *
 * <p>It may run more than once for one grant (throttling, a crash, an admin's Retry), so every IAM step is
 * idempotent, and credentials are rotated rather than reused: keys the bot made that were never delivered are
 * deleted and a fresh password is set, so no secret that nobody holds stays valid. The password and the secret
 * access key live only in local variables between the IAM call and the DM. With reveal once, it stops short of the
 * credentials and sends a Show credentials button instead ({@link RevealCredentials} does the rest).
 */
@ApplicationScoped
class ProvisionAccess implements JobHandler<None> {

    public static final JobType<None> TYPE = JobType.of("PROVISION");

    private static final Logger LOG = Logger.getLogger(ProvisionAccess.class);

    private final ProvisioningRecords records;
    private final GrantCredentials credentials;
    private final Reveals reveals;
    private final IamAccount account;
    private final SlackNotifier notifier;
    private final Notices notices;
    private final Provisioning settings;
    private final JobQueue jobs;
    private final Clock clock;
    private final AccessLevels levels;

    public ProvisionAccess(ProvisioningRecords records, GrantCredentials credentials, Reveals reveals,
            IamAccount account, SlackNotifier notifier, Notices notices, Provisioning settings, JobQueue jobs,
            Clock clock, AccessLevels levels) {
        this.levels = levels;
        this.records = records;
        this.credentials = credentials;
        this.reveals = reveals;
        this.account = account;
        this.notifier = notifier;
        this.notices = notices;
        this.settings = settings;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public int maxAttempts() {
        return 6;
    }

    @Override
    public JobResult run(Job job) {
        Optional<AccessRequest> begun = records.begin(job.requestId());
        if (begun.isEmpty()) {
            return JobResult.done();
        }
        AccessRequest request = begun.get();
        boolean dryRun = settings.dryRun();
        try {
            // Checked again here: the account may have been deactivated, or made a guest, while the request waited.
            User user = notifier.userInfo(request.requesterId());
            Optional<String> refusal = AdminDirectory.refusalFor(user, request.requester().teamId(),
                    request.requester().enterpriseId());
            if (refusal.isPresent()) {
                return fail(job, request, "the requester may not have access any more: " + refusal.get()
                        + " Nothing was created in AWS.");
            }
            // The name is fixed by the first attempt: an e-mail changed before a Retry must not make a second user.
            String userName = request.iamUserName() != null ? request.iamUserName() : iamUserNameFor(user, request);
            records.iamUser(request.id(), userName, dryRun);
            if (dryRun) {
                return finishDryRun(request, userName);
            }
            return provision(job, request, userName);
        } catch (SlackCallException e) {
            return e.transientFailure() ? e.retryResult() : fail(job, request, e.getMessage());
        } catch (NotOurUserException e) {
            // Someone else's user: nothing of it may be touched, not even to withdraw.
            jobs.fenced(job, () -> records.fail(request.id(), e.getMessage()
                    + ". Pick another name or remove that user, then Retry."));
            return JobResult.failed(e.getMessage());
        } catch (IamFailure e) {
            return e.transientFailure() ? JobResult.retry(e.getMessage()) : fail(job, request, e.getMessage());
        }
    }

    private static String iamUserNameFor(User user, AccessRequest request) {
        String email = user == null || user.getProfile() == null ? null : user.getProfile().getEmail();
        return IamUsers.userNameFor(email, request.requesterId());
    }

    private JobResult finishDryRun(AccessRequest request, String userName) {
        List<String> plan = settings.planFor(records.find(request.id()).orElseThrow(), levels);
        String summary = "dry run: would have " + String.join(", ", plan) + "; nothing was changed in AWS";
        finishAndTell(request, userName, summary);
        return JobResult.done();
    }

    /** The dry run's record and its DM, committed together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void finishAndTell(AccessRequest request, String userName, String summary) {
        records.finish(request.id(), summary);
        notices.send(request.id(), Notice.toPerson(request.requesterId(), GrantMessages.dryRunDm(request, userName)));
    }

    private JobResult provision(Job job, AccessRequest request, String userName) {
        long id = request.id();
        credentials.prepareUser(job, request, userName);
        if (reveals.chosen()) {
            return offer(job, request, userName);
        }
        GrantCredentials.Issued issued = credentials.issue(job, request, userName);
        CredentialsMessage dm = issued.message(id, userName, account.consoleSignInUrl());
        // The DM and the record of its delivery happen under the job's fence: while they run, no other worker can
        // claim the job (and rotate away the key being delivered), and a worker that lost the job sends nothing.
        Optional<SlackCallException> undelivered = jobs.fencedCall(job, () -> {
            try {
                notifier.directMessage(request.requesterId(), GrantMessages.credentialsFallback(id), dm.blocks());
            } catch (SlackCallException e) {
                return Optional.of(e);
            }
            // The delivery and the grant becoming active are recorded together: a crash cannot leave one without
            // the other.
            records.delivered(id, issued.accessKeyId(), false, "IAM user " + userName + ", "
                    + request.accessType().word());
            return Optional.empty();
        });
        if (undelivered.isPresent()) {
            SlackCallException e = undelivered.get();
            // Nobody holds these credentials now: withdraw them before anything else, so that no valid secret
            // is left that nobody has. A retry issues fresh ones.
            credentials.withdraw(id, userName, issued);
            records.step(id, "delivery failed; credentials withdrawn", e.getMessage());
            return e.transientFailure() ? e.retryResult()
                    : fail(job, request, "the credentials could not be sent by direct message (" + e.error()
                            + "); they were withdrawn");
        }
        return JobResult.done();
    }

    /**
     * Reveal once: the user exists without any credential, and the requester gets a DM with a Show credentials
     * button; the credentials are made when they click it ({@link RevealCredentials}).
     */
    private JobResult offer(Job job, AccessRequest request, String userName) {
        long id = request.id();
        credentials.removePassword(job, request, userName);
        Instant offeredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant until = reveals.deadline(offeredAt);
        Optional<SlackCallException> unsent = jobs.fencedCall(job, () -> {
            if (!reveals.mayOffer(id)) {
                return Optional.empty();
            }
            try {
                SlackNotifier.Posted dm = notifier.directMessage(request.requesterId(),
                        RevealMessages.offerFallback(id), RevealMessages.offer(id, userName, request.accessType(),
                                until));
                reveals.offered(id, dm.channel(), dm.ts(), offeredAt);
            } catch (SlackCallException e) {
                return Optional.of(e);
            }
            return Optional.empty();
        });
        if (unsent.isPresent()) {
            SlackCallException e = unsent.get();
            return e.transientFailure() ? e.retryResult()
                    : fail(job, request, "the Show credentials message could not be sent by direct message ("
                            + e.error() + ")");
        }
        return JobResult.done();
    }

    private JobResult fail(Job job, AccessRequest request, String reason) {
        return credentials.fail(job, request, reason);
    }

    @Override
    public void giveUp(Job job, String reason) {
        records.find(job.requestId()).ifPresent(request -> {
            // An attempt whose delivery was recorded (the DM, or reveal once's offer) succeeded, even if its
            // replica died before the job was marked done: what was delivered is never withdrawn for that.
            if (request.state() == RequestState.ACTIVE || request.awaitingReveal()) {
                LOG.warnf("Request #%d: its last provisioning attempt did not record its end, but the credentials "
                        + "were delivered; nothing is given up", request.id());
                return;
            }
            fail(job, request, "gave up after repeated errors: " + reason);
        });
    }
}
