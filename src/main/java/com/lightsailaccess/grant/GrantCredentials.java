package com.lightsailaccess.grant;

import com.lightsailaccess.iam.IamAccount;
import com.lightsailaccess.iam.IamCredentials.AccessKeySecret;
import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamUsers;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobQueue.LeaseLostException;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The IAM side of a grant, shared by the two ways credentials reach people (one DM, or revealed once): the user and
 * the group, credentials made fresh for each delivery, and their withdrawal when nobody ended up holding them.
 */
@ApplicationScoped
class GrantCredentials {

    private static final Logger LOG = Logger.getLogger(GrantCredentials.class);

    private final ProvisioningRecords records;
    private final IamAccount account;
    private final IamUsers users;
    private final IamCredentials keys;
    private final Provisioning settings;
    private final JobQueue jobs;
    private final LevelGroups levels;

    GrantCredentials(ProvisioningRecords records, IamAccount account, IamUsers users,
            IamCredentials keys, Provisioning settings, JobQueue jobs, LevelGroups levels) {
        this.records = records;
        this.account = account;
        this.levels = levels;
        this.users = users;
        this.keys = keys;
        this.settings = settings;
        this.jobs = jobs;
    }

    /**
     * Credentials just made: in memory only, until they are shown. {@link #toString()} hides them.
     *
     * @param mfaRequired whether the console asks for an MFA device after the first sign-in's new password
     */
    public record Issued(Optional<String> password, Optional<AccessKeySecret> key, boolean mfaRequired) {

        public String accessKeyId() {
            return key.map(AccessKeySecret::accessKeyId).orElse(null);
        }

        public CredentialsMessage message(long requestId, String iamUserName, String signInUrl) {
            return new CredentialsMessage(requestId, iamUserName, signInUrl, password,
                    key.map(AccessKeySecret::accessKeyId), key.map(AccessKeySecret::secretAccessKey), mfaRequired);
        }

        @Override
        public String toString() {
            return "Issued[password=" + (password.isPresent() ? "***" : "none") + ", key=" + key.orElse(null) + "]";
        }
    }

    /**
     * The policy and the group, and the grant's IAM user (made or taken up), and no key left on it that this grant
     * has not delivered: a re-run after a crash must find no key to pile on; the users the bot creates cannot make
     * keys themselves, so a key nobody recorded is one whose secret nobody holds.
     */
    void prepareUser(Job job, AccessRequest request, String userName) {
        long id = request.id();
        job.checkLease();
        AccessLevel level = levels.of(request);
        levels.ensure(level);
        records.step(id, "iam: policies and group ready", String.join(", ", LevelGroups.policyNames(settings, level))
                + ", " + level.group());
        job.checkLease();
        IamUsers.Ownership ownership = users.ensureUser(userName, settings.path(), request.requesterId(), id);
        if (ownership == IamUsers.Ownership.CREATED) {
            records.userCreated(id, userName);
        } else {
            records.step(id, ProvisioningRecords.USER_REUSED, userName);
        }
        rotateKeys(job, id, userName);
    }

    /** Every key of the user goes but one this grant has delivered. */
    public void rotateKeys(Job job, long id, String userName) {
        List<String> delivered = records.deliveredKeys(id);
        for (String keyId : keys.accessKeyIds(userName)) {
            if (!delivered.contains(keyId)) {
                job.checkLease();
                keys.deleteAccessKey(userName, keyId);
                records.keyDeleted(id, keyId, "rotated: never delivered, or from an earlier grant");
            }
        }
    }

    /** Reveal once: until the click, the user has no password either (nothing valid exists before the reveal). */
    void removePassword(Job job, AccessRequest request, String userName) {
        job.checkLease();
        keys.removeConsolePassword(userName);
        records.step(request.id(), "iam: no credentials until the reveal", "DeleteLoginProfile");
    }

    /**
     * Fresh credentials for the grant's access type (a console password that must be reset, and/or an access key),
     * then membership of the group. Call {@link #rotateKeys} first.
     */
    public Issued issue(Job job, AccessRequest request, String userName) {
        long id = request.id();
        String password = null;
        AccessKeySecret key = null;
        job.checkLease();
        if (request.accessType().console()) {
            password = account.newPassword();
            keys.setConsolePassword(userName, password);
            records.step(id, ProvisioningRecords.PASSWORD_SET, "PasswordResetRequired=true");
        } else {
            // A programmatic-only grant to a reused user must not leave an old console password behind.
            keys.removeConsolePassword(userName);
        }
        if (request.accessType().programmatic()) {
            job.checkLease();
            key = keys.createAccessKey(userName);
            try {
                job.checkLease();
                records.keyCreated(id, userName, key.accessKeyId());
            } catch (LeaseLostException e) {
                // CreateAccessKey answered after this worker lost the job: nobody will ever deliver this key, and
                // the worker that holds the job now may already have listed the user's keys. Take it back.
                keys.deleteAccessKey(userName, key.accessKeyId());
                throw e;
            }
        }
        job.checkLease();
        AccessLevel level = levels.of(request);
        levels.add(userName, level);
        records.step(id, "iam: AddUserToGroup", level.group());
        return new Issued(Optional.ofNullable(password), Optional.ofNullable(key), settings.mfaPolicy().isPresent());
    }

    /** Nobody holds these credentials: they go, so that no valid secret is left that nobody has. */
    public void withdraw(long requestId, String userName, Issued issued) {
        if (issued.key().isPresent()) {
            keys.deleteAccessKey(userName, issued.accessKeyId());
            records.keyDeleted(requestId, issued.accessKeyId(), "undelivered");
        }
        if (issued.password().isPresent()) {
            keys.removeConsolePassword(userName);
            records.step(requestId, "iam: DeleteLoginProfile", "undelivered password withdrawn");
        }
    }

    /** Out of its level's group again (reveal once: credentials made for a modal that never showed them). */
    public void leaveGroup(AccessRequest request, String userName, String why) {
        long requestId = request.id();
        levels.remove(userName, levels.of(request));
        records.step(requestId, "iam: RemoveUserFromGroup", why);
    }

    /**
     * The grant ends as failed: whatever it created and did not deliver is withdrawn first (its keys, the password
     * it set, membership of the group), so no credential is left valid that nobody holds.
     */
    public JobResult fail(Job job, AccessRequest request, String reason) {
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
                keys.deleteAccessKey(userName, keyId);
                records.keyDeleted(id, keyId, "undelivered; the grant failed");
            }
            if (records.setPassword(id)) {
                keys.removeConsolePassword(userName);
                records.step(id, "iam: DeleteLoginProfile", "undelivered password withdrawn; the grant failed");
            }
            leaveGroup(request, userName, "the grant failed");
            return " Whatever it had created was withdrawn.";
        } catch (IamFailure e) {
            LOG.errorf("Request #%d failed and its credentials could not be withdrawn: %s", id, e.getMessage());
            return " Its credentials could not be withdrawn (" + e.getMessage() + "): `/lightsail-revoke "
                    + userName + " delete` removes them.";
        }
    }
}
