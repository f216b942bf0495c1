package com.lightsailaccess.iam;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;

/**
 * The account the bot works in: its id and partition (from the bot's own identity), the console sign-in URL, and the
 * rules a password must meet. Facts that change rarely are looked up again after a few minutes.
 */
@ApplicationScoped
public class IamAccount {

    /** Account facts (the alias) change rarely; they are looked up again after this long. */
    static final Duration FACTS_FRESH_FOR = Duration.ofMinutes(5);

    private final IamCalls calls;
    private final PasswordGenerator passwords = new PasswordGenerator();
    private volatile String accountId;
    private volatile String partition;
    private volatile String signInUrl;
    private volatile Instant signInUrlUntil = Instant.MIN;

    IamAccount(IamCalls calls) {
        this.calls = calls;
    }

    /** Whether the SDK's default chain finds AWS credentials here (the environment, a profile, the instance). */
    public static boolean credentialsAvailable() {
        try (DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build()) {
            provider.resolveCredentials();
            return true;
        } catch (SdkClientException | IllegalStateException e) {
            return false;
        }
    }

    private IamClient iam() {
        return calls.iam();
    }

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

    /**
     * {@code https://<alias or account id>.signin.aws.amazon.com/console}, or the sign-in host of the account's
     * partition; looked up at most every few minutes.
     */
    public String consoleSignInUrl() {
        if (signInUrl == null || Instant.now().isAfter(signInUrlUntil)) {
            List<String> aliases = calls.call("ListAccountAliases", () -> iam().listAccountAliasesPaginator()
                    .accountAliases().stream().toList());
            String who = aliases.isEmpty() ? accountId() : aliases.get(0);
            signInUrl = signInUrl(partition(), who);
            signInUrlUntil = Instant.now().plus(FACTS_FRESH_FOR);
        }
        return signInUrl;
    }

    /**
     * An IAM user's console sign-in URL in a partition: China's and GovCloud's consoles have sign-in hosts of their
     * own (AWS's documentation of each); any other partition is taken to sign in as the commercial one does.
     */
    static String signInUrl(String partition, String aliasOrAccount) {
        String host = switch (partition) {
            case "aws-cn" -> "signin.amazonaws.cn";
            case "aws-us-gov" -> "signin.amazonaws-us-gov.com";
            default -> "signin.aws.amazon.com";
        };
        return "https://" + aliasOrAccount + "." + host + "/console";
    }

    /**
     * A new console password that meets the account's password policy (IAM's default when the account has none),
     * for a login profile. It is a secret: it goes to IAM and to the person, nowhere else.
     */
    public String newPassword() {
        return passwords.generate(passwordRules());
    }

    PasswordRules passwordRules() {
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

    /** Drops the cached account facts (the sign-in URL, what was just created). */
    public void forgetAccountFacts() {
        calls.forgetCreated();
        signInUrl = null;
        signInUrlUntil = Instant.MIN;
    }
}
