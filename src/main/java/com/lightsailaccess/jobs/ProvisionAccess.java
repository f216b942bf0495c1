package com.lightsailaccess.jobs;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.access.ProvisioningRecords;
import com.lightsailaccess.config.BotSettings;
import com.lightsailaccess.iam.AccessKeySecret;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamGateway;
import com.lightsailaccess.iam.IamNames;
import com.lightsailaccess.iam.NotOurUserException;
import com.lightsailaccess.iam.PasswordGenerator;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.queue.JobResult;
import com.lightsailaccess.queue.LeaseLostException;
import com.lightsailaccess.slack.blocks.CredentialsMessage;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
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
 * access key live only in local variables between the IAM call and the DM.
 */
@ApplicationScoped
public class ProvisionAccess implements JobHandler {

    private static final Logger LOG = Logger.getLogger(ProvisionAccess.class);

    private final ProvisioningRecords records;
    private final IamGateway iam;
    private final SlackNotifier notifier;
    private final Notices notices;
    private final BotSettings settings;
    private final PasswordGenerator passwords = new PasswordGenerator();
    private final JobQueue jobs;

    public ProvisionAccess(ProvisioningRecords records, IamGateway iam, SlackNotifier notifier, Notices notices,
            BotSettings settings, JobQueue jobs) {
        this.jobs = jobs;
        this.records = records;
        this.iam = iam;
        this.notifier = notifier;
        this.notices = notices;
        this.settings = settings;
    }

    @Override
    public JobKind kind() {
        return JobKind.PROVISION;
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
            Optional<String> refusal = Eligibility.refusalFor(user, request.requester());
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
            return e.transientFailure() ? SlackResults.retry(e) : fail(job, request, e.getMessage());
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
        return IamNames.userNameFor(email, request.requesterId());
    }

    private JobResult finishDryRun(AccessRequest request, String userName) {
        List<String> plan = DryRunPlan.steps(records.find(request.id()).orElseThrow(), settings);
        String summary = "dry run: would have " + String.join(", ", plan) + "; nothing was changed in AWS";
        QuarkusTransaction.requiringNew().run(() -> {
            records.finish(request.id(), summary);
            notices.send(request.id(), Notice.toPerson(request.requesterId(), Messages.dryRunDm(request, userName)));
        });
        return JobResult.done();
    }

    private JobResult provision(Job job, AccessRequest request, String userName) {
        long id = request.id();
        job.checkLease();
        iam.ensureLightsailGroup(settings.iamPolicy(), settings.iamGroup());
        records.step(id, "iam: policy and group ready", settings.iamPolicy() + ", " + settings.iamGroup());
        job.checkLease();
        IamGateway.Ownership ownership = iam.ensureUser(userName, settings.iamPath(), request.requesterId(), id);
        if (ownership == IamGateway.Ownership.CREATED) {
            records.userCreated(id, userName);
        } else {
            records.step(id, ProvisioningRecords.USER_REUSED, userName);
        }

        // Credentials are rotated, not reused: every key of the user goes but one this grant has delivered (a
        // re-run after a crash must find no key to pile on; the users the bot creates cannot make keys themselves,
        // so a key nobody recorded is one whose secret nobody holds).
        List<String> delivered = records.deliveredKeys(id);
        for (String keyId : iam.accessKeyIds(userName)) {
            if (!delivered.contains(keyId)) {
                job.checkLease();
                iam.deleteAccessKey(userName, keyId);
                records.keyDeleted(id, keyId, "rotated: never delivered, or from an earlier grant");
            }
        }

        String password = null;
        AccessKeySecret key = null;
        job.checkLease();
        if (request.accessType().console()) {
            password = passwords.generate(iam.passwordRules());
            iam.setConsolePassword(userName, password);
            records.step(id, ProvisioningRecords.PASSWORD_SET, "PasswordResetRequired=true");
            iam.allowPasswordChange(userName);
            records.step(id, "iam: AttachUserPolicy", IamGateway.CHANGE_PASSWORD_POLICY_ARN);
        } else {
            // A programmatic-only grant to a reused user must not leave an old console password behind.
            iam.removeConsolePassword(userName);
        }
        if (request.accessType().programmatic()) {
            job.checkLease();
            key = iam.createAccessKey(userName);
            try {
                job.checkLease();
                records.keyCreated(id, userName, key.accessKeyId());
            } catch (LeaseLostException e) {
                // CreateAccessKey answered after this worker lost the job: nobody will ever deliver this key, and
                // the worker that holds the job now may already have listed the user's keys. Take it back.
                iam.deleteAccessKey(userName, key.accessKeyId());
                throw e;
            }
        }
        job.checkLease();
        iam.addToGroupEnsuringIt(userName, settings.iamPolicy(), settings.iamGroup());
        records.step(id, "iam: AddUserToGroup", settings.iamGroup());

        CredentialsMessage dm = new CredentialsMessage(id, userName, iam.consoleSignInUrl(),
                Optional.ofNullable(password), Optional.ofNullable(key).map(AccessKeySecret::accessKeyId),
                Optional.ofNullable(key).map(AccessKeySecret::secretAccessKey));
        // The DM and the record of its delivery happen under the job's fence: while they run, no other worker can
        // claim the job (and rotate away the key being delivered), and a worker that lost the job sends nothing.
        AccessKeySecret issued = key;
        Optional<SlackCallException> undelivered = jobs.fencedCall(job, () -> {
            try {
                notifier.directMessage(request.requesterId(), Messages.credentialsFallback(id), dm.blocks());
            } catch (SlackCallException e) {
                return Optional.of(e);
            }
            // The delivery and the grant becoming active are recorded together: a crash cannot leave one without
            // the other.
            records.delivered(id, issued == null ? null : issued.accessKeyId(), "IAM user " + userName + ", "
                    + request.accessType().word());
            return Optional.empty();
        });
        if (undelivered.isPresent()) {
            SlackCallException e = undelivered.get();
            // Nobody holds these credentials now: withdraw them before anything else, so that no valid secret
            // is left that nobody has. A retry issues fresh ones.
            withdraw(id, userName, key, password != null);
            records.step(id, "delivery failed; credentials withdrawn", e.getMessage());
            return e.transientFailure() ? SlackResults.retry(e)
                    : fail(job, request, "the credentials could not be sent by direct message (" + e.error()
                            + "); they were withdrawn");
        }
        return JobResult.done();
    }

    private void withdraw(long requestId, String userName, AccessKeySecret key, boolean console) {
        if (key != null) {
            iam.deleteAccessKey(userName, key.accessKeyId());
            records.keyDeleted(requestId, key.accessKeyId(), "undelivered");
        }
        if (console) {
            iam.removeConsolePassword(userName);
            records.step(requestId, "iam: DeleteLoginProfile", "undelivered password withdrawn");
        }
    }

    /**
     * The grant ends as failed: whatever it created and did not deliver is withdrawn first (its keys, the password
     * it set, membership of the group), so no credential is left valid that nobody holds.
     */
    private JobResult fail(Job job, AccessRequest request, String reason) {
        job.checkLease();
        String withdrawal = withdrawUndelivered(request);
        jobs.fenced(job, () -> records.fail(request.id(), reason + withdrawal));
        // The worker logs the failure (an ERROR line), once.
        return JobResult.failed(reason);
    }

    private String withdrawUndelivered(AccessRequest request) {
        long id = request.id();
        String userName = records.find(id).map(AccessRequest::iamUserName).orElse(null);
        if (userName == null || settings.dryRun() || !records.ownsIamUser(id)) {
            return "";
        }
        try {
            for (String keyId : records.undeliveredKeys(id)) {
                iam.deleteAccessKey(userName, keyId);
                records.keyDeleted(id, keyId, "undelivered; the grant failed");
            }
            if (records.setPassword(id)) {
                iam.removeConsolePassword(userName);
                records.step(id, "iam: DeleteLoginProfile", "undelivered password withdrawn; the grant failed");
            }
            iam.removeFromGroup(userName, settings.iamGroup());
            records.step(id, "iam: RemoveUserFromGroup", "the grant failed");
            return " Whatever it had created was withdrawn.";
        } catch (IamFailure e) {
            LOG.errorf("Request #%d failed and its credentials could not be withdrawn: %s", id, e.getMessage());
            return " Its credentials could not be withdrawn (" + e.getMessage() + "): `/lightsail-revoke "
                    + userName + " delete` removes them.";
        }
    }

    @Override
    public void giveUp(Job job, String reason) {
        records.find(job.requestId()).ifPresent(request ->
                fail(job, request, "gave up after repeated errors: " + reason));
    }
}
