package com.lightsailaccess.iam;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;

/**
 * Deleting a user the way AWS documents it, everything that blocks {@code DeleteUser} first; each step tolerates
 * "already gone", so an interrupted deletion finishes when run again.
 */
@ApplicationScoped
public class IamDeletion {

    private final IamCalls calls;
    private final IamGroup groups;
    private final IamCredentials credentials;

    IamDeletion(IamCalls calls, IamGroup groups, IamCredentials credentials) {
        this.calls = calls;
        this.groups = groups;
        this.credentials = credentials;
    }

    private IamClient iam() {
        return calls.iam();
    }

    /**
     * Deletes the user and everything that blocks {@code DeleteUser}, in the order AWS documents: login profile,
     * access keys, signing certificates, SSH public keys, service-specific credentials, MFA devices (deactivated;
     * virtual ones deleted, security keys and hardware tokens only deactivated), inline policies, attached managed
     * policies, group membership. The bot may change only the membership of its own groups ({@code ourGroups}: each
     * access level's): a user an admin also put into other groups is left exactly as it is
     * ({@link UserInOtherGroupsException} names the groups). Each step tolerates "already gone", so an interrupted
     * deletion finishes when run again. Returns the steps taken.
     */
    public List<String> deleteUser(String userName, Collection<String> ourGroups) {
        List<String> steps = new ArrayList<>();
        try {
            List<String> groupsOfUser = listing("ListGroupsForUser", () -> iam().listGroupsForUserPaginator(r -> r
                    .userName(userName)).groups().stream().toList()).stream().map(g -> g.groupName()).toList();
            List<String> others = groupsOfUser.stream().filter(g -> ourGroups.stream()
                    .noneMatch(g::equalsIgnoreCase)).toList();
            if (!others.isEmpty()) {
                throw new UserInOtherGroupsException(userName, others);
            }
            calls.tolerating("DeleteLoginProfile", () -> iam().deleteLoginProfile(r -> r.userName(userName)),
                    NoSuchEntityException.class);
            steps.add("login profile removed");
            for (String keyId : listing("ListAccessKeys", () -> iam().listAccessKeysPaginator(r -> r
                    .userName(userName)).accessKeyMetadata().stream().map(AccessKeyMetadata::accessKeyId).toList())) {
                credentials.deleteAccessKey(userName, keyId);
                steps.add("access key " + keyId + " deleted");
            }
            for (var cert : listing("ListSigningCertificates",
                    () -> iam().listSigningCertificatesPaginator(r -> r.userName(userName)).certificates().stream()
                            .toList())) {
                calls.tolerating("DeleteSigningCertificate", () -> iam().deleteSigningCertificate(r -> r
                        .userName(userName).certificateId(cert.certificateId())), NoSuchEntityException.class);
                steps.add("signing certificate " + cert.certificateId() + " deleted");
            }
            for (var key : listing("ListSSHPublicKeys",
                    () -> iam().listSSHPublicKeysPaginator(r -> r.userName(userName)).sshPublicKeys().stream()
                            .toList())) {
                calls.tolerating("DeleteSSHPublicKey", () -> iam().deleteSSHPublicKey(r -> r.userName(userName)
                        .sshPublicKeyId(key.sshPublicKeyId())), NoSuchEntityException.class);
                steps.add("SSH public key " + key.sshPublicKeyId() + " deleted");
            }
            for (var credential : listing("ListServiceSpecificCredentials",
                    () -> serviceSpecificCredentials(userName))) {
                calls.tolerating("DeleteServiceSpecificCredential", () -> iam().deleteServiceSpecificCredential(r -> r
                        .userName(userName).serviceSpecificCredentialId(credential.serviceSpecificCredentialId())),
                        NoSuchEntityException.class);
                steps.add("service-specific credential " + credential.serviceSpecificCredentialId() + " deleted");
            }
            for (var device : listing("ListMFADevices",
                    () -> iam().listMFADevicesPaginator(r -> r.userName(userName)).mfaDevices().stream().toList())) {
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
                    () -> iam().listUserPoliciesPaginator(r -> r.userName(userName)).policyNames().stream().toList())) {
                calls.tolerating("DeleteUserPolicy", () -> iam().deleteUserPolicy(r -> r.userName(userName)
                        .policyName(policy)), NoSuchEntityException.class);
                steps.add("inline policy " + policy + " deleted");
            }
            for (var attached : listing("ListAttachedUserPolicies",
                    () -> iam().listAttachedUserPoliciesPaginator(r -> r.userName(userName)).attachedPolicies().stream()
                            .toList())) {
                calls.tolerating("DetachUserPolicy", () -> iam().detachUserPolicy(r -> r.userName(userName)
                        .policyArn(attached.policyArn())), NoSuchEntityException.class);
                steps.add("policy " + attached.policyArn() + " detached");
            }
            for (String group : ourGroups) {
                groups.removeFromGroup(userName, group);
                steps.add("removed from group " + group);
            }
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
    /** Every page of them: the SDK has no paginator for this list, but IAM pages it with Marker/IsTruncated. */
    private List<ServiceSpecificCredentialMetadata> serviceSpecificCredentials(String userName) {
        List<ServiceSpecificCredentialMetadata> all = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            ListServiceSpecificCredentialsResponse page = iam().listServiceSpecificCredentials(r -> r
                    .userName(userName).marker(from));
            all.addAll(page.serviceSpecificCredentials());
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        } while (marker != null);
        return all;
    }

    private <T> List<T> listing(String action, Supplier<List<T>> call) {
        try {
            return call.get();
        } catch (NoSuchEntityException gone) {
            throw gone;
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate(action, e);
        }
    }

    /**
     * Deleting this user would mean taking it out of groups the bot may not change (an admin put it there): nothing
     * was touched, and the admin hears which groups.
     */
    public static class UserInOtherGroupsException extends RuntimeException {

        private final List<String> groups;

        public UserInOtherGroupsException(String userName, List<String> groups) {
            super("IAM user " + userName + " is also in " + String.join(", ", groups) + ", which Lightsail Access may "
                    + "not change: remove it from " + (groups.size() == 1 ? "that group" : "those groups")
                    + " and delete again");
            this.groups = List.copyOf(groups);
        }

        public List<String> groups() {
            return groups;
        }
    }
}
