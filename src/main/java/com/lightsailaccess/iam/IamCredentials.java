package com.lightsailaccess.iam;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * What a person signs in with: the console password (always one that must be changed at the first sign-in) and
 * access keys. An access key's secret exists only in the answer to {@code CreateAccessKey}, so a key whose answer was
 * lost is deleted rather than left valid with a secret nobody holds.
 */
@ApplicationScoped
public class IamCredentials {

    private static final Logger LOG = Logger.getLogger(IamCredentials.class);

    private final IamCalls calls;

    IamCredentials(IamCalls calls) {
        this.calls = calls;
    }

    private IamClient iam() {
        return calls.iam();
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
        return calls.call("ListAccessKeys", () -> iam().listAccessKeysPaginator(r -> r.userName(userName))
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

    /** Makes one of the user's access keys inactive (it stops working at once) or active again. */
    public void setAccessKeyActive(String userName, String accessKeyId, boolean active) {
        calls.run("UpdateAccessKey", () -> iam().updateAccessKey(r -> r.userName(userName).accessKeyId(accessKeyId)
                .status(active ? StatusType.ACTIVE : StatusType.INACTIVE)), IamCalls.user(userName));
    }

    /**
     * When and where an access key was last used, as IAM records it ({@code GetAccessKeyLastUsed}): the date, the
     * service and the region; empty when never.
     */
    public Optional<KeyUse> lastUse(String userName, String accessKeyId) {
        AccessKeyLastUsed used = calls.call("GetAccessKeyLastUsed", () -> iam().getAccessKeyLastUsed(r -> r
                .accessKeyId(accessKeyId)).accessKeyLastUsed(), IamCalls.user(userName));
        return used == null || used.lastUsedDate() == null ? Optional.empty()
                : Optional.of(new KeyUse(used.lastUsedDate(), used.serviceName(), used.region()));
    }

    /** An access key's last use: when, which service, which region (IAM's words, e.g. {@code lightsail}). */
    public record KeyUse(Instant at, String service, String region) {
    }

    /** Whether the user has an MFA device (a virtual one, a security key or a hardware token). */
    public boolean hasMfaDevice(String userName) {
        return calls.call("ListMFADevices", () -> !iam().listMFADevices(r -> r.userName(userName).maxItems(1))
                .mfaDevices().isEmpty(), IamCalls.user(userName));
    }

    public void deleteAccessKey(String userName, String accessKeyId) {
        calls.tolerating("DeleteAccessKey", () -> iam().deleteAccessKey(r -> r.userName(userName)
                .accessKeyId(accessKeyId)), NoSuchEntityException.class);
    }

    /**
     * A new access key: its id (not secret, recorded) and its secret, which exists only in memory between
     * {@code CreateAccessKey} and the one direct message. {@link #toString()} never shows the secret.
     */
    public record AccessKeySecret(String accessKeyId, String secretAccessKey) {

        @Override
        public String toString() {
            return "AccessKeySecret[accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
        }
    }
}
