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
import com.lightsailaccess.slack.blocks.CredentialsMessage;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    private final ProvisioningRecords records;
    private final IamGateway iam;
    private final SlackNotifier notifier;
    private final ApprovalMessage message;
    private final BotSettings settings;
    private final PasswordGenerator passwords = new PasswordGenerator();

    public ProvisionAccess(ProvisioningRecords records, IamGateway iam, SlackNotifier notifier,
            ApprovalMessage message, BotSettings settings) {
        this.records = records;
        this.iam = iam;
        this.notifier = notifier;
        this.message = message;
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
        message.show(request, Messages.approvalProvisioning(request, dryRun));
        try {
            String userName = iamUserNameFor(request);
            records.iamUser(request.id(), userName, dryRun);
            if (dryRun) {
                return finishDryRun(request, userName);
            }
            return provision(request, userName);
        } catch (SlackCallException e) {
            return e.transientFailure() ? JobResult.retryAfterSlack(e) : fail(request, e.getMessage());
        } catch (NotOurUserException e) {
            return fail(request, e.getMessage() + ". Pick another name or remove that user, then Retry.");
        } catch (IamFailure e) {
            return e.transientFailure() ? JobResult.retry(e.getMessage()) : fail(request, e.getMessage());
        }
    }

    private String iamUserNameFor(AccessRequest request) throws SlackCallException {
        User user = notifier.userInfo(request.requesterId());
        String email = user == null || user.getProfile() == null ? null : user.getProfile().getEmail();
        return IamNames.userNameFor(email, request.requesterId());
    }

    private JobResult finishDryRun(AccessRequest request, String userName) {
        List<String> plan = new ArrayList<>(List.of("ensure policy " + settings.iamPolicy() + " (lightsail:*)",
                "ensure group " + settings.iamGroup(), "create or reuse IAM user " + userName + " under "
                        + settings.iamPath()));
        if (request.accessType().console()) {
            plan.add("set a console password (reset required) and attach IAMUserChangePassword");
        }
        if (request.accessType().programmatic()) {
            plan.add("create an access key");
        }
        plan.add("add the user to " + settings.iamGroup());
        String summary = "dry run: would have " + String.join(", ", plan) + "; nothing was changed in AWS";
        AccessRequest done = records.finish(request.id(), summary);
        message.show(done, Messages.approvalDone(done, "*dry run*: " + Messages.escapedPlan(plan)));
        message.tell(done.requesterId(), Messages.dryRunDm(done, userName));
        return JobResult.done();
    }

    private JobResult provision(AccessRequest request, String userName) {
        long id = request.id();
        iam.ensureLightsailGroup(settings.iamPolicy(), settings.iamGroup());
        records.step(id, "iam: policy and group ready", settings.iamPolicy() + ", " + settings.iamGroup());
        IamGateway.Ownership ownership = iam.ensureUser(userName, settings.iamPath(), request.requesterId(), id);
        records.step(id, ownership == IamGateway.Ownership.CREATED ? "iam: CreateUser" : "iam: reuse own user",
                userName);

        for (String keyId : records.keysToRotate(userName, id)) {
            iam.deleteAccessKey(userName, keyId);
            records.keyDeleted(id, keyId, "rotated: never delivered or from an earlier grant");
        }

        String password = null;
        AccessKeySecret key = null;
        if (request.accessType().console()) {
            password = passwords.generate(iam.passwordRules());
            iam.setConsolePassword(userName, password);
            records.step(id, "iam: console password set", "PasswordResetRequired=true");
            iam.allowPasswordChange(userName);
            records.step(id, "iam: AttachUserPolicy", IamGateway.CHANGE_PASSWORD_POLICY_ARN);
        } else {
            // A programmatic-only grant to a reused user must not leave an old console password behind.
            iam.removeConsolePassword(userName);
        }
        if (request.accessType().programmatic()) {
            key = iam.createAccessKey(userName);
            records.keyCreated(id, userName, key.accessKeyId());
        }
        iam.addToGroupEnsuringIt(userName, settings.iamPolicy(), settings.iamGroup());
        records.step(id, "iam: AddUserToGroup", settings.iamGroup());

        CredentialsMessage dm = new CredentialsMessage(id, userName, iam.consoleSignInUrl(),
                Optional.ofNullable(password), Optional.ofNullable(key).map(AccessKeySecret::accessKeyId),
                Optional.ofNullable(key).map(AccessKeySecret::secretAccessKey));
        try {
            notifier.directMessage(request.requesterId(), Messages.credentialsFallback(id), dm.blocks());
        } catch (SlackCallException e) {
            // Nobody holds these credentials now: withdraw them before anything else, so that no valid secret
            // is left that nobody has. A retry issues fresh ones.
            withdraw(id, userName, key, password != null);
            records.step(id, "delivery failed; credentials withdrawn", e.getMessage());
            return e.transientFailure() ? JobResult.retryAfterSlack(e)
                    : fail(request, "the credentials could not be sent by direct message (" + e.error()
                            + "); they were withdrawn");
        }
        if (key != null) {
            records.keyDelivered(key.accessKeyId());
        }
        records.step(id, "credentials delivered", "direct message to " + request.requesterId());
        String summary = "IAM user `" + userName + "` has " + request.accessType().describe()
                + " access; credentials sent by direct message";
        AccessRequest done = records.finish(id, "IAM user " + userName + ", " + request.accessType().word());
        message.show(done, Messages.approvalDone(done, summary));
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

    private JobResult fail(AccessRequest request, String reason) {
        AccessRequest failed = records.fail(request.id(), reason);
        message.show(failed, Messages.approvalFailed(failed, reason));
        // The worker logs it (an ERROR line), once.
        return JobResult.failed(reason);
    }

    @Override
    public void giveUp(Job job, String reason) {
        records.find(job.requestId()).ifPresent(request -> fail(request, "gave up after repeated errors: " + reason));
    }
}
