package com.lightsailaccess.iam;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.User;

/**
 * The Lightsail group and the customer managed policies it holds: each policy made sure of (created when missing,
 * never attached when it says something else than the bot wrote), the group made and the policies attached, and the
 * group's membership, read page by page.
 */
@ApplicationScoped
public class IamGroup {

    private static final int GROUP_PAGE = 1000;

    private final IamCalls calls;
    private final IamAccount account;
    private volatile String readyGroup;
    private volatile Instant readyGroupUntil = Instant.MIN;

    IamGroup(IamCalls calls, IamAccount account) {
        this.calls = calls;
        this.account = account;
    }

    private IamClient iam() {
        return calls.iam();
    }

    private String policyArn(String name) {
        return "arn:" + account.partition() + ":iam::" + account.accountId() + ":policy/" + name;
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
        List<String> attached = attachedPolicyArns(group);
        for (String policyArn : policyArns) {
            if (!attached.contains(policyArn)) {
                calls.run("AttachGroupPolicy", () -> iam().attachGroupPolicy(r -> r.groupName(group)
                        .policyArn(policyArn)), IamCalls.group(group), IamCalls.policy(policyArn));
            }
        }
        List<String> extra = extras(group, attached, policyArns);
        if (!extra.isEmpty()) {
            throw new GroupDriftException(group, extra);
        }
    }

    /**
     * What the group holds besides the bot's own policies ({@code policyNames}, customer managed in this account):
     * any other managed policy, and every inline policy. Empty when it holds exactly what the seed says.
     */
    public List<String> extraPolicies(String group, List<String> policyNames) {
        return extras(group, attachedPolicyArns(group), policyNames.stream().map(this::policyArn).toList());
    }

    private List<String> extras(String group, List<String> attached, List<String> ours) {
        List<String> extra = new ArrayList<>();
        attached.stream().filter(arn -> !ours.contains(arn)).forEach(arn -> extra.add("managed policy " + arn));
        calls.call("ListGroupPolicies", () -> iam().listGroupPoliciesPaginator(r -> r.groupName(group))
                .policyNames().stream().toList(), IamCalls.group(group))
                .forEach(name -> extra.add("inline policy " + name));
        return extra;
    }

    /** Every managed policy attached to the group, page by page (IAM may answer short pages). */
    private List<String> attachedPolicyArns(String group) {
        return calls.call("ListAttachedGroupPolicies", () -> iam().listAttachedGroupPoliciesPaginator(r -> r
                .groupName(group)).attachedPolicies().stream().map(p -> p.policyArn()).toList(),
                IamCalls.group(group));
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
        readyGroupUntil = Instant.now().plus(IamAccount.FACTS_FRESH_FOR);
    }

    /** Forgets that the group was seen ready, so that the next grant looks again. */
    public void forgetReadyGroup() {
        readyGroup = null;
        readyGroupUntil = Instant.MIN;
    }

    /**
     * The group's members, every page of them. A group that does not exist is not an empty group (a renamed
     * {@code LIGHTSAIL_IAM_GROUP}, a deleted group): {@link GroupMissingException}.
     */
    public List<String> groupMembers(String group) {
        List<String> members = new ArrayList<>();
        eachMember(group, name -> {
            members.add(name);
            return false;
        });
        return members;
    }

    /**
     * Reads the group's members page by page until {@code stop} says so; whether it did. A group that does not exist
     * is a {@link GroupMissingException}.
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
                throw new GroupMissingException(group);
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

    /**
     * AddUserToGroup. "No such entity" is either a group deleted since it was last seen (it is set up again) or a
     * user or group IAM does not show yet (waited for).
     */
    public void addToGroupEnsuringIt(String userName, String group, List<ManagedPolicy> policies) {
        refuseDrift(group, policies);
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

    /**
     * Looked at right before anyone is added, whatever was seen ready a few minutes ago or on another replica (a
     * reveal can come hours after its grant's set-up): a group that holds more than its policies takes nobody.
     */
    private void refuseDrift(String group, List<ManagedPolicy> policies) {
        List<String> extra;
        try {
            extra = extraPolicies(group, policies.stream().map(ManagedPolicy::name).toList());
        } catch (IamFailure e) {
            if ("NoSuchEntity".equals(e.code())) {
                return;
            }
            throw e;
        }
        if (!extra.isEmpty()) {
            forgetReadyGroup();
            throw new GroupDriftException(group, extra);
        }
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

    /** IAM has no group of this name: nothing about its members can be concluded. */
    public static final class GroupMissingException extends IamFailure {
        GroupMissingException(String group) {
            super(false, "NoSuchEntity", "GetGroup failed: NoSuchEntity (IAM group " + group + " does not exist)");
        }
    }

    /**
     * The group holds more than the seed says (another managed policy, an inline policy): rights the bot did not
     * grant would come with it, so nobody is added to it until an admin takes them off.
     */
    public static final class GroupDriftException extends IamFailure {
        GroupDriftException(String group, List<String> extra) {
            super(false, "GroupDrift", "IAM group " + group + " holds more than Lightsail Access put there ("
                    + String.join(", ", extra) + "); nobody is added to it until an admin takes that off");
        }
    }
}
