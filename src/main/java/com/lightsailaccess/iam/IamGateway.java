package com.lightsailaccess.iam;

import com.lightsailaccess.config.LightsailSettingsMapping;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The only class that talks to AWS. Every step is idempotent: "already exists" is success where the thing is ours,
 * "no such entity" is success when removing. Failures become {@link IamFailure}s that say whether retrying can
 * help. Nothing here logs or puts into an exception a request parameter: passwords travel in those.
 */
@ApplicationScoped
public class IamGateway {

    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGED_BY_VALUE = "lightsail-access-bot";
    public static final String SLACK_USER_ID = "slack-user-id";
    public static final String REQUEST_ID = "request-id";
    public static final String CHANGE_PASSWORD_POLICY_ARN = "arn:aws:iam::aws:policy/IAMUserChangePassword";
    /** The seed document's policy: everything in Lightsail, nothing else. */
    public static final String LIGHTSAIL_POLICY_DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
            + "\"Allow\",\"Action\":\"lightsail:*\",\"Resource\":\"*\"}]}";

    private static final Logger LOG = Logger.getLogger(IamGateway.class);
    /** Account facts (alias, a ready group) change rarely; they are looked up again after this long. */
    private static final Duration FACTS_FRESH_FOR = Duration.ofMinutes(5);

    private final Duration callTimeout;
    private volatile IamClient iam;
    private volatile IamClient iamOnce;
    private volatile StsClient sts;
    private volatile String accountId;
    private volatile String signInUrl;
    private volatile Instant signInUrlUntil = Instant.MIN;
    private volatile String readyGroup;
    private volatile Instant readyGroupUntil = Instant.MIN;

    public IamGateway(LightsailSettingsMapping settings) {
        this.callTimeout = settings.awsCallTimeout();
    }

    /** Whether the bot owns a user: what its tags say. */
    public enum Ownership {
        CREATED, OURS
    }

    // Clients are built on first use, so the bot starts (and dry-runs) without AWS credentials.
    private IamClient iam() {
        if (iam == null) {
            synchronized (this) {
                if (iam == null) {
                    // IAM is global: one endpoint, signed for us-east-1. AWS_ENDPOINT_URL_IAM overrides it.
                    iam = IamClient.builder().region(Region.AWS_GLOBAL).httpClient(httpClient())
                            .overrideConfiguration(this::timeouts).build();
                }
            }
        }
        return iam;
    }

    /**
     * The same client without automatic retries, for the one call that is not idempotent: CreateAccessKey. A retry
     * after a lost answer would make a second key whose secret nobody ever sees.
     */
    private IamClient iamOnce() {
        if (iamOnce == null) {
            synchronized (this) {
                if (iamOnce == null) {
                    iamOnce = IamClient.builder().region(Region.AWS_GLOBAL).httpClient(httpClient())
                            .overrideConfiguration(c -> timeouts(c.retryStrategy(AwsRetryStrategy.doNotRetry())))
                            .build();
                }
            }
        }
        return iamOnce;
    }

    private StsClient sts() {
        if (sts == null) {
            synchronized (this) {
                if (sts == null) {
                    Region region;
                    try {
                        region = new DefaultAwsRegionProviderChain().getRegion();
                    } catch (SdkClientException e) {
                        region = Region.US_EAST_1;
                    }
                    sts = StsClient.builder().region(region).httpClient(httpClient())
                            .overrideConfiguration(this::timeouts).build();
                }
            }
        }
        return sts;
    }

    /** A hung attempt is abandoned and retried by the SDK; the whole call gives up after a few attempts' time. */
    private ClientOverrideConfiguration.Builder timeouts(ClientOverrideConfiguration.Builder config) {
        return config.apiCallAttemptTimeout(callTimeout).apiCallTimeout(callTimeout.multipliedBy(4));
    }

    private static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    @PreDestroy
    void close() {
        if (iam != null) {
            iam.close();
        }
        if (iamOnce != null) {
            iamOnce.close();
        }
        if (sts != null) {
            sts.close();
        }
    }

    // ---- the account -------------------------------------------------------------------------------------------

    public String accountId() {
        if (accountId == null) {
            accountId = call("GetCallerIdentity", () -> sts().getCallerIdentity().account());
        }
        return accountId;
    }

    /** {@code https://<alias or account id>.signin.aws.amazon.com/console}; looked up at most every few minutes. */
    public String consoleSignInUrl() {
        if (signInUrl == null || Instant.now().isAfter(signInUrlUntil)) {
            List<String> aliases = call("ListAccountAliases", () -> iam().listAccountAliases().accountAliases());
            String who = aliases.isEmpty() ? accountId() : aliases.get(0);
            signInUrl = "https://" + who + ".signin.aws.amazon.com/console";
            signInUrlUntil = Instant.now().plus(FACTS_FRESH_FOR);
        }
        return signInUrl;
    }

    public PasswordRules passwordRules() {
        try {
            PasswordPolicy p = iam().getAccountPasswordPolicy().passwordPolicy();
            return new PasswordRules(p.minimumPasswordLength() == null ? 8 : p.minimumPasswordLength(),
                    Boolean.TRUE.equals(p.requireUppercaseCharacters()),
                    Boolean.TRUE.equals(p.requireLowercaseCharacters()),
                    Boolean.TRUE.equals(p.requireNumbers()), Boolean.TRUE.equals(p.requireSymbols()));
        } catch (NoSuchEntityException e) {
            return PasswordRules.IAM_DEFAULT;
        } catch (IamException | SdkClientException e) {
            throw translate("GetAccountPasswordPolicy", e);
        }
    }

    // ---- the policy and the group --------------------------------------------------------------------------

    /**
     * Makes sure the customer managed policy exists; returns its ARN. Looks before it creates, so that once an
     * admin (or a first run) has made it, the bot needs no permission to create policies.
     */
    private String ensurePolicy(String name) {
        String arn = "arn:aws:iam::" + accountId() + ":policy/" + name;
        try {
            iam().getPolicy(r -> r.policyArn(arn));
            return arn;
        } catch (NoSuchEntityException missing) {
            tolerating("CreatePolicy", () -> iam().createPolicy(r -> r.policyName(name).path("/")
                    .description("Amazon Lightsail full access, granted by Lightsail Access")
                    .policyDocument(LIGHTSAIL_POLICY_DOCUMENT)), EntityAlreadyExistsException.class);
            return arn;
        } catch (IamException | SdkClientException e) {
            throw translate("GetPolicy", e);
        }
    }

    /**
     * Makes sure the group exists with the policy attached, creating or attaching only what is missing.
     */
    private void ensureGroup(String group, String policyArn) {
        try {
            iam().getGroup(r -> r.groupName(group).maxItems(1));
        } catch (NoSuchEntityException missing) {
            tolerating("CreateGroup", () -> iam().createGroup(r -> r.groupName(group)),
                    EntityAlreadyExistsException.class);
        } catch (IamException | SdkClientException e) {
            throw translate("GetGroup", e);
        }
        boolean attached = call("ListAttachedGroupPolicies", () -> iam().listAttachedGroupPolicies(r -> r
                .groupName(group)).attachedPolicies().stream().anyMatch(p -> policyArn.equals(p.policyArn())));
        if (!attached) {
            call("AttachGroupPolicy", () -> iam().attachGroupPolicy(r -> r.groupName(group).policyArn(policyArn)));
        }
    }

    // ---- the user ----------------------------------------------------------------------------------------------

    /** The user's tags, or empty when there is no such user. */
    public Optional<Map<String, String>> userTags(String userName) {
        try {
            iam().getUser(r -> r.userName(userName));
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (IamException | SdkClientException e) {
            throw translate("GetUser", e);
        }
        return Optional.of(call("ListUserTags", () -> iam().listUserTags(r -> r.userName(userName).maxItems(100))
                .tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b))));
    }

    /** Whether these tags say: created by the bot for this Slack user. */
    public static boolean isOurs(Map<String, String> tags, String slackUserId) {
        return MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY)) && slackUserId.equals(tags.get(SLACK_USER_ID));
    }

    /**
     * Creates the user, or reuses it when the bot made it for this person; any other user of that name is never
     * taken over. Tags {@code request-id} with the grant that provisions it now.
     */
    public Ownership ensureUser(String userName, String path, String slackUserId, long requestId) {
        Optional<Map<String, String>> tags = userTags(userName);
        Ownership ownership;
        if (tags.isEmpty()) {
            try {
                iam().createUser(r -> r.userName(userName).path(path).tags(
                        tag(MANAGED_BY, MANAGED_BY_VALUE), tag(SLACK_USER_ID, slackUserId),
                        tag(REQUEST_ID, String.valueOf(requestId))));
                return Ownership.CREATED;
            } catch (EntityAlreadyExistsException raced) {
                tags = userTags(userName);
                ownership = Ownership.OURS;
            } catch (IamException | SdkClientException e) {
                throw translate("CreateUser", e);
            }
        } else {
            ownership = Ownership.OURS;
        }
        if (tags.isEmpty() || !isOurs(tags.get(), slackUserId)) {
            throw new NotOurUserException(userName, tags.map(t -> MANAGED_BY_VALUE.equals(t.get(MANAGED_BY))
                    ? "it belongs to another Slack user" : "it is not tagged managed-by=" + MANAGED_BY_VALUE)
                    .orElse("it vanished"));
        }
        call("TagUser", () -> iam().tagUser(r -> r.userName(userName).tags(tag(REQUEST_ID,
                String.valueOf(requestId)))));
        return ownership;
    }

    /** Sets a console password that must be changed at first sign-in (creating the login profile if needed). */
    public void setConsolePassword(String userName, String password) {
        try {
            iam().createLoginProfile(r -> r.userName(userName).password(password).passwordResetRequired(true));
        } catch (EntityAlreadyExistsException exists) {
            call("UpdateLoginProfile", () -> iam().updateLoginProfile(r -> r.userName(userName).password(password)
                    .passwordResetRequired(true)));
        } catch (IamException | SdkClientException e) {
            throw translate("CreateLoginProfile", e);
        }
    }

    public void removeConsolePassword(String userName) {
        tolerating("DeleteLoginProfile", () -> iam().deleteLoginProfile(r -> r.userName(userName)),
                NoSuchEntityException.class);
    }

    /** A user who must reset the password needs iam:ChangePassword; the console attaches this policy too. */
    public void allowPasswordChange(String userName) {
        call("AttachUserPolicy", () -> iam().attachUserPolicy(r -> r.userName(userName)
                .policyArn(CHANGE_PASSWORD_POLICY_ARN)));
    }

    private List<String> accessKeyIds(String userName) {
        return call("ListAccessKeys", () -> iam().listAccessKeys(r -> r.userName(userName)).accessKeyMetadata()
                .stream().map(AccessKeyMetadata::accessKeyId).toList());
    }

    /**
     * Creates one access key, trying once. When the answer is lost (a timeout, a reset connection, a 5xx), IAM may
     * have made the key anyway: any key that appeared during the call is deleted before the failure is reported,
     * so the retry that follows leaves exactly one key, and none whose secret nobody holds.
     */
    public AccessKeySecret createAccessKey(String userName) {
        List<String> before = accessKeyIds(userName);
        try {
            var key = iamOnce().createAccessKey(r -> r.userName(userName)).accessKey();
            return new AccessKeySecret(key.accessKeyId(), key.secretAccessKey());
        } catch (IamException | SdkClientException e) {
            IamFailure failure = translate("CreateAccessKey", e);
            if (failure.transientFailure()) {
                for (String keyId : accessKeyIds(userName)) {
                    if (!before.contains(keyId)) {
                        deleteAccessKey(userName, keyId);
                        LOG.warnf("CreateAccessKey's answer was lost; deleted the key %s it may have made", keyId);
                    }
                }
            }
            throw failure;
        }
    }

    public void deleteAccessKey(String userName, String accessKeyId) {
        tolerating("DeleteAccessKey", () -> iam().deleteAccessKey(r -> r.userName(userName)
                .accessKeyId(accessKeyId)), NoSuchEntityException.class);
    }

    private void addToGroup(String userName, String group) {
        call("AddUserToGroup", () -> iam().addUserToGroup(r -> r.userName(userName).groupName(group)));
    }

    /**
     * The seed's one-time set-up, made sure of before each grant: the policy ({@code lightsail:*} on {@code *})
     * and the group with it attached. Once seen ready it is not looked at again for a few minutes; if the group
     * vanished meanwhile, {@link #addToGroupEnsuringIt} notices and sets it up again.
     */
    public void ensureLightsailGroup(String policyName, String group) {
        String key = policyName + " " + group;
        if (key.equals(readyGroup) && Instant.now().isBefore(readyGroupUntil)) {
            return;
        }
        ensureGroup(group, ensurePolicy(policyName));
        readyGroup = key;
        readyGroupUntil = Instant.now().plus(FACTS_FRESH_FOR);
    }

    /** AddUserToGroup; a group that was deleted since it was last seen is set up again first. */
    public void addToGroupEnsuringIt(String userName, String policyName, String group) {
        try {
            iam().addUserToGroup(r -> r.userName(userName).groupName(group));
        } catch (NoSuchEntityException missing) {
            forgetAccountFacts();
            ensureLightsailGroup(policyName, group);
            addToGroup(userName, group);
        } catch (IamException | SdkClientException e) {
            throw translate("AddUserToGroup", e);
        }
    }

    /** Drops the cached account facts (the sign-in URL, a ready group), so they are looked up again. */
    public void forgetAccountFacts() {
        readyGroup = null;
        readyGroupUntil = Instant.MIN;
        signInUrl = null;
        signInUrlUntil = Instant.MIN;
    }

    /** Takes the user out of the group (the seed's "revoke"); not being a member is fine. */
    public void removeFromGroup(String userName, String group) {
        tolerating("RemoveUserFromGroup", () -> iam().removeUserFromGroup(r -> r.userName(userName).groupName(group)),
                NoSuchEntityException.class);
    }

    /**
     * Deletes the user and everything that blocks {@code DeleteUser}, in the order AWS documents: login profile,
     * access keys, signing certificates, SSH public keys, service-specific credentials, MFA devices (deactivated,
     * virtual ones deleted), inline policies, attached managed policies, group memberships. Each step tolerates
     * "already gone", so an interrupted deletion finishes when run again. Returns the steps taken, for the audit.
     */
    public List<String> deleteUser(String userName) {
        List<String> steps = new ArrayList<>();
        try {
            tolerating("DeleteLoginProfile", () -> iam().deleteLoginProfile(r -> r.userName(userName)),
                    NoSuchEntityException.class);
            steps.add("login profile removed");
            for (String keyId : listing("ListAccessKeys", () -> iam().listAccessKeys(r -> r.userName(userName))
                    .accessKeyMetadata().stream().map(AccessKeyMetadata::accessKeyId).toList())) {
                deleteAccessKey(userName, keyId);
                steps.add("access key " + keyId + " deleted");
            }
            for (var cert : listing("ListSigningCertificates",
                    () -> iam().listSigningCertificates(r -> r.userName(userName)).certificates())) {
                tolerating("DeleteSigningCertificate", () -> iam().deleteSigningCertificate(r -> r.userName(userName)
                        .certificateId(cert.certificateId())), NoSuchEntityException.class);
                steps.add("signing certificate " + cert.certificateId() + " deleted");
            }
            for (var key : listing("ListSSHPublicKeys",
                    () -> iam().listSSHPublicKeys(r -> r.userName(userName)).sshPublicKeys())) {
                tolerating("DeleteSSHPublicKey", () -> iam().deleteSSHPublicKey(r -> r.userName(userName)
                        .sshPublicKeyId(key.sshPublicKeyId())), NoSuchEntityException.class);
                steps.add("SSH public key " + key.sshPublicKeyId() + " deleted");
            }
            for (var credential : listing("ListServiceSpecificCredentials",
                    () -> iam().listServiceSpecificCredentials(r -> r.userName(userName))
                            .serviceSpecificCredentials())) {
                tolerating("DeleteServiceSpecificCredential", () -> iam().deleteServiceSpecificCredential(r -> r
                        .userName(userName).serviceSpecificCredentialId(credential.serviceSpecificCredentialId())),
                        NoSuchEntityException.class);
                steps.add("service-specific credential " + credential.serviceSpecificCredentialId() + " deleted");
            }
            for (var device : listing("ListMFADevices",
                    () -> iam().listMFADevices(r -> r.userName(userName)).mfaDevices())) {
                String serial = device.serialNumber();
                tolerating("DeactivateMFADevice", () -> iam().deactivateMFADevice(r -> r.userName(userName)
                        .serialNumber(serial)), NoSuchEntityException.class);
                steps.add("MFA device " + serial + " deactivated");
                // Virtual devices have an ARN for a serial number; hardware ones a plain serial.
                if (serial.startsWith("arn:")) {
                    tolerating("DeleteVirtualMFADevice", () -> iam().deleteVirtualMFADevice(r -> r
                            .serialNumber(serial)), NoSuchEntityException.class);
                    steps.add("virtual MFA device " + serial + " deleted");
                }
            }
            for (String policy : listing("ListUserPolicies",
                    () -> iam().listUserPolicies(r -> r.userName(userName)).policyNames())) {
                tolerating("DeleteUserPolicy", () -> iam().deleteUserPolicy(r -> r.userName(userName)
                        .policyName(policy)), NoSuchEntityException.class);
                steps.add("inline policy " + policy + " deleted");
            }
            for (var attached : listing("ListAttachedUserPolicies",
                    () -> iam().listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies())) {
                tolerating("DetachUserPolicy", () -> iam().detachUserPolicy(r -> r.userName(userName)
                        .policyArn(attached.policyArn())), NoSuchEntityException.class);
                steps.add("policy " + attached.policyArn() + " detached");
            }
            for (var group : listing("ListGroupsForUser",
                    () -> iam().listGroupsForUser(r -> r.userName(userName)).groups())) {
                removeFromGroup(userName, group.groupName());
                steps.add("removed from group " + group.groupName());
            }
            iam().deleteUser(r -> r.userName(userName));
            steps.add("user deleted");
        } catch (NoSuchEntityException gone) {
            steps.add("user already gone");
        } catch (IamException | SdkClientException e) {
            throw translate("DeleteUser", e);
        }
        return steps;
    }

    /** A list call whose "no such entity" (the user is gone) is passed to the caller as is. */
    private <T> List<T> listing(String action, Supplier<List<T>> call) {
        try {
            return call.get();
        } catch (NoSuchEntityException gone) {
            throw gone;
        } catch (IamException | SdkClientException e) {
            throw translate(action, e);
        }
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @SafeVarargs
    private void tolerating(String action, Runnable call, Class<? extends IamException>... fine) {
        try {
            call.run();
        } catch (IamException e) {
            for (Class<? extends IamException> ok : fine) {
                if (ok.isInstance(e)) {
                    LOG.debugf("%s: %s, nothing to do", action, e.awsErrorDetails() == null ? "?"
                            : e.awsErrorDetails().errorCode());
                    return;
                }
            }
            throw translate(action, e);
        } catch (SdkClientException e) {
            throw translate(action, e);
        }
    }

    private <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (IamException | SdkClientException e) {
            throw translate(action, e);
        } catch (software.amazon.awssdk.services.sts.model.StsException e) {
            throw translate(action, e);
        }
    }

    static IamFailure translate(String action, RuntimeException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? "HTTP " + service.statusCode() : service.awsErrorDetails().errorCode();
            boolean transientFailure = service.isThrottlingException() || service.statusCode() >= 500
                    || "ConcurrentModification".equals(code);
            return new IamFailure(action, code, transientFailure);
        }
        // Connection refused, reset, timed out: nothing reached IAM or nothing came back.
        return new IamFailure(action, "network error (" + e.getClass().getSimpleName() + ")", true);
    }
}
