package com.lightsailaccess.iam;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

/**
 * Everything the bot does in IAM, each step idempotent: "already exists" is success where the thing is ours, "no
 * such entity" is success when removing. It works with exactly the permissions of
 * {@code deploy/bot-iam-policy.json}: IAM authorizes a call on a user that does not exist yet as
 * {@code user/<name>}, without the bot's path, so the bot never reads a user before creating it (it creates, and
 * reads only what exists), and a user it cannot see is one that is gone or not under its path. Failures become
 * {@link IamFailure}s that say whether retrying can help.
 */
@ApplicationScoped
public class IamGateway {

    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGED_BY_VALUE = "lightsail-access-bot";
    public static final String SLACK_USER_ID = "slack-user-id";
    public static final String REQUEST_ID = "request-id";

    private static final Logger LOG = Logger.getLogger(IamGateway.class);
    /** Account facts (alias, a ready group) change rarely; they are looked up again after this long. */
    private static final Duration FACTS_FRESH_FOR = Duration.ofMinutes(5);
    private static final int GROUP_PAGE = 1000;

    private final IamCalls calls;
    private volatile String accountId;
    private volatile String partition;
    private volatile String signInUrl;
    private volatile Instant signInUrlUntil = Instant.MIN;
    private volatile String readyGroup;
    private volatile Instant readyGroupUntil = Instant.MIN;

    IamGateway(IamCalls calls) {
        this.calls = calls;
    }

    /** Whether the bot owns a user: what its tags say. */
    public enum Ownership {
        CREATED, OURS
    }

    private IamClient iam() {
        return calls.iam();
    }

    // ---- the account -------------------------------------------------------------------------------------------

    public String accountId() {
        if (accountId == null) {
            callerIdentity();
        }
        return accountId;
    }

    /** The account's partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}), as the bot's own ARN names it. */
    public String partition() {
        if (partition == null) {
            callerIdentity();
        }
        return partition;
    }

    private void callerIdentity() {
        var identity = calls.call("GetCallerIdentity", () -> calls.sts().getCallerIdentity());
        // arn:<partition>:iam::<account>:user/...
        partition = identity.arn().split(":", 3)[1];
        accountId = identity.account();
    }

    /** {@code https://<alias or account id>.signin.aws.amazon.com/console}; looked up at most every few minutes. */
    public String consoleSignInUrl() {
        if (signInUrl == null || Instant.now().isAfter(signInUrlUntil)) {
            List<String> aliases = calls.call("ListAccountAliases", () -> iam().listAccountAliases().accountAliases());
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
            throw IamCalls.translate("GetAccountPasswordPolicy", e);
        }
    }

    // ---- the policy and the group --------------------------------------------------------------------------

    private String policyArn(String name) {
        return "arn:" + partition() + ":iam::" + accountId() + ":policy/" + name;
    }

    /**
     * Makes sure the customer managed policy exists and still says what it should; returns its ARN. Looks before it
     * creates, so that once an admin (or a first run) has made it, the bot needs no permission to create policies. A
     * policy of that name that says something else, or that sits under another path, is never attached to anything:
     * {@link PolicyDriftException} says what differs.
     */
    private String ensurePolicy(ManagedPolicy wanted) {
        String name = wanted.name();
        String arn = policyArn(name);
        Policy policy;
        try {
            policy = calls.settled("GetPolicy", () -> iam().getPolicy(r -> r.policyArn(arn)).policy());
        } catch (NoSuchEntityException missing) {
            try {
                calls.settled("CreatePolicy", () -> iam().createPolicy(r -> r.policyName(name).path("/")
                        .description(wanted.purpose()).policyDocument(wanted.document())));
                calls.justCreated(IamCalls.policy(arn));
                return arn;
            } catch (EntityAlreadyExistsException exists) {
                // Another replica made it a moment ago, or a policy of that name lives under another path (names
                // are unique in an account, whatever the path). Only time tells them apart.
                calls.justCreated(IamCalls.policy(arn));
                try {
                    policy = calls.settled("GetPolicy", () -> iam().getPolicy(r -> r.policyArn(arn)).policy(),
                            IamCalls.policy(arn));
                } catch (IamFailure | NoSuchEntityException stillMissing) {
                    throw new PolicyDriftException(wanted, "a policy of that name exists, but not at " + arn
                            + " (it is under another path)");
                } catch (IamException | SdkClientException e) {
                    throw IamCalls.translate("GetPolicy", e);
                }
            } catch (IamException | SdkClientException e) {
                throw IamCalls.translate("CreatePolicy", e);
            }
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("GetPolicy", e);
        }
        String version = policy.defaultVersionId();
        String document = calls.call("GetPolicyVersion", () -> iam().getPolicyVersion(r -> r.policyArn(arn)
                .versionId(version)).policyVersion().document(), IamCalls.policy(arn));
        // IAM answers the document URL-encoded (RFC 3986).
        Optional<String> difference = PolicyDocument.difference(wanted.document(),
                URLDecoder.decode(document, StandardCharsets.UTF_8));
        if (difference.isPresent()) {
            throw new PolicyDriftException(wanted, "its default version (" + version + ") is not the document the "
                    + "bot expects: " + difference.get());
        }
        return arn;
    }

    /**
     * Makes sure the group exists with each policy attached, creating or attaching only what is missing.
     */
    private void ensureGroup(String group, List<String> policyArns) {
        try {
            calls.settled("GetGroup", () -> iam().getGroup(r -> r.groupName(group).maxItems(1)));
        } catch (NoSuchEntityException missing) {
            calls.tolerating("CreateGroup", () -> iam().createGroup(r -> r.groupName(group)),
                    EntityAlreadyExistsException.class);
            calls.justCreated(IamCalls.group(group));
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("GetGroup", e);
        }
        List<String> attached = calls.call("ListAttachedGroupPolicies", () -> iam().listAttachedGroupPolicies(r -> r
                .groupName(group)).attachedPolicies().stream().map(p -> p.policyArn()).toList(),
                IamCalls.group(group));
        for (String policyArn : policyArns) {
            if (!attached.contains(policyArn)) {
                calls.run("AttachGroupPolicy", () -> iam().attachGroupPolicy(r -> r.groupName(group)
                        .policyArn(policyArn)), IamCalls.group(group), IamCalls.policy(policyArn));
            }
        }
    }

    /**
     * The seed's one-time set-up, made sure of before each grant: the group, and each of its policies (the seed's
     * {@code lightsail:*} on {@code *}, the first sign-in's) existing as the bot wrote them and attached. Once seen
     * ready it is not looked at again for a few minutes; if the group vanished meanwhile,
     * {@link #addToGroupEnsuringIt} notices and sets it up again.
     */
    public void ensureLightsailGroup(String group, List<ManagedPolicy> policies) {
        String key = group + " " + policies;
        if (key.equals(readyGroup) && Instant.now().isBefore(readyGroupUntil)) {
            return;
        }
        List<String> arns = new ArrayList<>();
        for (ManagedPolicy policy : policies) {
            arns.add(ensurePolicy(policy));
        }
        ensureGroup(group, arns);
        readyGroup = key;
        readyGroupUntil = Instant.now().plus(FACTS_FRESH_FOR);
    }

    /** Drops the cached account facts (the sign-in URL, a ready group, what was just created). */
    public void forgetAccountFacts() {
        calls.forgetCreated();
        readyGroup = null;
        readyGroupUntil = Instant.MIN;
        signInUrl = null;
        signInUrlUntil = Instant.MIN;
    }

    /** The user names of every member of the group, read page by page (IAM pages with Marker/IsTruncated). */
    public List<String> groupMembers(String group) {
        List<String> members = new ArrayList<>();
        eachMember(group, name -> {
            members.add(name);
            return false;
        });
        return members;
    }

    /**
     * When the user's credentials were last used: the latest of the console password's last use and each access
     * key's; empty when never.
     */
    public Optional<Instant> lastUsed(String userName) {
        Instant latest = calls.call("GetUser", () -> iam().getUser(r -> r.userName(userName)).user()
                .passwordLastUsed(), IamCalls.user(userName));
        for (String keyId : accessKeyIds(userName)) {
            Instant used = calls.call("GetAccessKeyLastUsed", () -> iam().getAccessKeyLastUsed(r -> r
                    .accessKeyId(keyId)).accessKeyLastUsed().lastUsedDate(), IamCalls.user(userName));
            if (used != null && (latest == null || used.isAfter(latest))) {
                latest = used;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Whether a user is a member of the group (its members are read page by page, up to the user's). */
    private boolean inGroup(String userName, String group) {
        return eachMember(group, name -> name.equalsIgnoreCase(userName));
    }

    /**
     * Reads the group's members page by page until {@code stop} says so; whether it did. A group that does not exist
     * has no members.
     */
    private boolean eachMember(String group, Predicate<String> stop) {
        String marker = null;
        do {
            String from = marker;
            GetGroupResponse page;
            try {
                page = calls.settled("GetGroup", () -> iam().getGroup(r -> r.groupName(group).maxItems(GROUP_PAGE)
                        .marker(from)));
            } catch (NoSuchEntityException gone) {
                return false;
            } catch (IamException | SdkClientException e) {
                throw IamCalls.translate("GetGroup", e);
            }
            for (User user : page.users()) {
                if (stop.test(user.userName())) {
                    return true;
                }
            }
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);
        return false;
    }

    // ---- the user ----------------------------------------------------------------------------------------------

    private Map<String, String> tagsOf(String userName) {
        return calls.call("ListUserTags", () -> iam().listUserTags(r -> r.userName(userName).maxItems(100)).tags()
                .stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)), IamCalls.user(userName));
    }

    /**
     * The tags of a user the bot may have created, or empty when there is no such user within the bot's reach. Under
     * the bot's policy, asking about a user that is gone is answered AccessDenied (IAM authorizes it as
     * {@code user/<name>}, outside the bot's path), as is asking about a user of that name under another path. Either
     * way the bot's own user is gone, unless the name is still in the Lightsail group: then the bot's policy is what
     * is wrong, and that is reported, not taken for a deletion.
     */
    public Optional<Map<String, String>> findUser(String userName, String lightsailGroup) {
        try {
            calls.settled("GetUser", () -> iam().getUser(r -> r.userName(userName)));
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (IamException e) {
            if (IamCalls.accessDenied(e) && !inGroup(userName, lightsailGroup)) {
                LOG.debugf("GetUser %s: AccessDenied and not in %s: the user is gone or not under the bot's path",
                        userName, lightsailGroup);
                return Optional.empty();
            }
            throw IamCalls.translate("GetUser", e);
        } catch (SdkClientException e) {
            throw IamCalls.translate("GetUser", e);
        }
        return Optional.of(tagsOf(userName));
    }

    /** Whether these tags say: created by the bot for this Slack user. */
    public static boolean isOurs(Map<String, String> tags, String slackUserId) {
        return MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY)) && slackUserId.equals(tags.get(SLACK_USER_ID));
    }

    /**
     * Creates the user under {@code path}, or reuses it when the bot made it for this person; any other user of
     * that name is never taken over. Tags {@code request-id} with the grant that provisions it now. Creating comes
     * first: reading a user that does not exist is not allowed by the bot's policy (see {@link #findUser}).
     */
    public Ownership ensureUser(String userName, String path, String slackUserId, long requestId) {
        try {
            calls.settled("CreateUser", () -> iam().createUser(r -> r.userName(userName).path(path).tags(
                    tag(MANAGED_BY, MANAGED_BY_VALUE), tag(SLACK_USER_ID, slackUserId),
                    tag(REQUEST_ID, String.valueOf(requestId)))));
            calls.justCreated(IamCalls.user(userName));
            return Ownership.CREATED;
        } catch (EntityAlreadyExistsException exists) {
            // Ours from an earlier grant or attempt (a lost answer, a crash), or someone else's.
            calls.justCreated(IamCalls.user(userName));
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("CreateUser", e);
        }
        Map<String, String> tags;
        try {
            calls.settled("GetUser", () -> iam().getUser(r -> r.userName(userName)), IamCalls.user(userName));
            tags = tagsOf(userName);
        } catch (IamException e) {
            if (IamCalls.accessDenied(e)) {
                throw new NotOurUserException(userName, "it exists outside " + path + ", where the bot may not go");
            }
            throw IamCalls.translate("GetUser", e);
        } catch (SdkClientException e) {
            throw IamCalls.translate("GetUser", e);
        }
        if (!isOurs(tags, slackUserId)) {
            throw new NotOurUserException(userName, MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY))
                    ? "it belongs to another Slack user" : "it is not tagged managed-by=" + MANAGED_BY_VALUE);
        }
        calls.run("TagUser", () -> iam().tagUser(r -> r.userName(userName).tags(tag(REQUEST_ID,
                String.valueOf(requestId)))), IamCalls.user(userName));
        return Ownership.OURS;
    }

    /** Sets a console password that must be changed at first sign-in (creating the login profile if needed). */
    public void setConsolePassword(String userName, String password) {
        try {
            calls.settled("CreateLoginProfile", () -> iam().createLoginProfile(r -> r.userName(userName)
                    .password(password).passwordResetRequired(true)), IamCalls.user(userName));
        } catch (EntityAlreadyExistsException exists) {
            calls.run("UpdateLoginProfile", () -> iam().updateLoginProfile(r -> r.userName(userName)
                    .password(password).passwordResetRequired(true)), IamCalls.user(userName));
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("CreateLoginProfile", e);
        }
    }

    public void removeConsolePassword(String userName) {
        calls.tolerating("DeleteLoginProfile", () -> iam().deleteLoginProfile(r -> r.userName(userName)),
                NoSuchEntityException.class);
    }

    /** The ids of the user's access keys, as IAM has them. */
    public List<String> accessKeyIds(String userName) {
        return calls.call("ListAccessKeys", () -> iam().listAccessKeys(r -> r.userName(userName))
                .accessKeyMetadata().stream().map(AccessKeyMetadata::accessKeyId).toList(), IamCalls.user(userName));
    }

    /**
     * Creates one access key, trying once. When the answer is lost (a timeout, a reset connection, a 5xx), IAM may
     * have made the key anyway: any key that appeared during the call is deleted before the failure is reported,
     * so the retry that follows leaves exactly one key, and none whose secret nobody holds. A {@code NoSuchEntity}
     * of a user just created made no key, and is tried again.
     */
    public AccessKeySecret createAccessKey(String userName) {
        List<String> before = accessKeyIds(userName);
        try {
            var key = calls.settled("CreateAccessKey", () -> calls.iamOnce().createAccessKey(r -> r
                    .userName(userName)).accessKey(), IamCalls.user(userName));
            return new AccessKeySecret(key.accessKeyId(), key.secretAccessKey());
        } catch (IamException | SdkClientException e) {
            IamFailure failure = IamCalls.translate("CreateAccessKey", e);
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
        calls.tolerating("DeleteAccessKey", () -> iam().deleteAccessKey(r -> r.userName(userName)
                .accessKeyId(accessKeyId)), NoSuchEntityException.class);
    }

    /**
     * AddUserToGroup. "No such entity" is either a group deleted since it was last seen (it is set up again) or a
     * user or group IAM does not show yet (waited for).
     */
    public void addToGroupEnsuringIt(String userName, String group, List<ManagedPolicy> policies) {
        try {
            calls.settled("AddUserToGroup", () -> iam().addUserToGroup(r -> r.userName(userName).groupName(group)));
            return;
        } catch (NoSuchEntityException missing) {
            if (!groupExists(group)) {
                readyGroup = null;
                ensureLightsailGroup(group, policies);
            }
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("AddUserToGroup", e);
        }
        calls.run("AddUserToGroup", () -> iam().addUserToGroup(r -> r.userName(userName).groupName(group)),
                IamCalls.user(userName), IamCalls.group(group));
    }

    private boolean groupExists(String group) {
        try {
            calls.settled("GetGroup", () -> iam().getGroup(r -> r.groupName(group).maxItems(1)));
            return true;
        } catch (NoSuchEntityException missing) {
            return false;
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("GetGroup", e);
        }
    }

    /** Takes the user out of the group (the seed's "revoke"); not being a member is fine. */
    public void removeFromGroup(String userName, String group) {
        calls.tolerating("RemoveUserFromGroup", () -> iam().removeUserFromGroup(r -> r.userName(userName)
                .groupName(group)), NoSuchEntityException.class);
    }

    /**
     * Deletes the user and everything that blocks {@code DeleteUser}, in the order AWS documents: login profile,
     * access keys, signing certificates, SSH public keys, service-specific credentials, MFA devices (deactivated;
     * virtual ones deleted, security keys and hardware tokens only deactivated), inline policies, attached managed
     * policies, group membership. The bot may change only the Lightsail group's membership: a user an admin also
     * put into other groups is left exactly as it is ({@link UserInOtherGroupsException} names the groups). Each
     * step tolerates "already gone", so an interrupted deletion finishes when run again. Returns the steps taken.
     */
    public List<String> deleteUser(String userName, String lightsailGroup) {
        List<String> steps = new ArrayList<>();
        try {
            List<String> others = listing("ListGroupsForUser", () -> iam().listGroupsForUser(r -> r
                    .userName(userName)).groups()).stream().map(g -> g.groupName())
                    .filter(g -> !g.equals(lightsailGroup)).toList();
            if (!others.isEmpty()) {
                throw new UserInOtherGroupsException(userName, others);
            }
            calls.tolerating("DeleteLoginProfile", () -> iam().deleteLoginProfile(r -> r.userName(userName)),
                    NoSuchEntityException.class);
            steps.add("login profile removed");
            for (String keyId : listing("ListAccessKeys", () -> iam().listAccessKeys(r -> r.userName(userName))
                    .accessKeyMetadata().stream().map(AccessKeyMetadata::accessKeyId).toList())) {
                deleteAccessKey(userName, keyId);
                steps.add("access key " + keyId + " deleted");
            }
            for (var cert : listing("ListSigningCertificates",
                    () -> iam().listSigningCertificates(r -> r.userName(userName)).certificates())) {
                calls.tolerating("DeleteSigningCertificate", () -> iam().deleteSigningCertificate(r -> r
                        .userName(userName).certificateId(cert.certificateId())), NoSuchEntityException.class);
                steps.add("signing certificate " + cert.certificateId() + " deleted");
            }
            for (var key : listing("ListSSHPublicKeys",
                    () -> iam().listSSHPublicKeys(r -> r.userName(userName)).sshPublicKeys())) {
                calls.tolerating("DeleteSSHPublicKey", () -> iam().deleteSSHPublicKey(r -> r.userName(userName)
                        .sshPublicKeyId(key.sshPublicKeyId())), NoSuchEntityException.class);
                steps.add("SSH public key " + key.sshPublicKeyId() + " deleted");
            }
            for (var credential : listing("ListServiceSpecificCredentials",
                    () -> iam().listServiceSpecificCredentials(r -> r.userName(userName))
                            .serviceSpecificCredentials())) {
                calls.tolerating("DeleteServiceSpecificCredential", () -> iam().deleteServiceSpecificCredential(r -> r
                        .userName(userName).serviceSpecificCredentialId(credential.serviceSpecificCredentialId())),
                        NoSuchEntityException.class);
                steps.add("service-specific credential " + credential.serviceSpecificCredentialId() + " deleted");
            }
            for (var device : listing("ListMFADevices",
                    () -> iam().listMFADevices(r -> r.userName(userName)).mfaDevices())) {
                String serial = device.serialNumber();
                calls.tolerating("DeactivateMFADevice", () -> iam().deactivateMFADevice(r -> r.userName(userName)
                        .serialNumber(serial)), NoSuchEntityException.class);
                steps.add("MFA device " + serial + " deactivated");
                // Only virtual devices (arn:…:mfa/…) exist on their own; a FIDO security key (arn:…:u2f/…) or a
                // hardware token is gone once deactivated.
                if (serial.contains(":mfa/")) {
                    calls.tolerating("DeleteVirtualMFADevice", () -> iam().deleteVirtualMFADevice(r -> r
                            .serialNumber(serial)), NoSuchEntityException.class);
                    steps.add("virtual MFA device " + serial + " deleted");
                }
            }
            for (String policy : listing("ListUserPolicies",
                    () -> iam().listUserPolicies(r -> r.userName(userName)).policyNames())) {
                calls.tolerating("DeleteUserPolicy", () -> iam().deleteUserPolicy(r -> r.userName(userName)
                        .policyName(policy)), NoSuchEntityException.class);
                steps.add("inline policy " + policy + " deleted");
            }
            for (var attached : listing("ListAttachedUserPolicies",
                    () -> iam().listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies())) {
                calls.tolerating("DetachUserPolicy", () -> iam().detachUserPolicy(r -> r.userName(userName)
                        .policyArn(attached.policyArn())), NoSuchEntityException.class);
                steps.add("policy " + attached.policyArn() + " detached");
            }
            removeFromGroup(userName, lightsailGroup);
            steps.add("removed from group " + lightsailGroup);
            calls.settled("DeleteUser", () -> iam().deleteUser(r -> r.userName(userName)));
            steps.add("user deleted");
        } catch (NoSuchEntityException gone) {
            steps.add("user already gone");
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("DeleteUser", e);
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
            throw IamCalls.translate(action, e);
        }
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
