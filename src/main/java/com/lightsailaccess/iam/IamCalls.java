package com.lightsailaccess.iam;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients and how every IAM call is made: timeouts, errors translated into {@link IamFailure}s that say
 * whether waiting helps, and IAM's eventual consistency.
 *
 * <p>IAM is eventually consistent [IAM User Guide, "Changes that I make are not always immediately visible"]:
 * right after {@code CreateUser}, {@code CreateGroup} or {@code CreatePolicy}, the next call naming that entity
 * may answer {@code NoSuchEntity}, and {@code EntityTemporarilyUnmodifiable} asks to try again later. Calls on an
 * entity this process created (or found already created) within the consistency window are retried with backoff
 * inside that window; after it, the failure is reported as one worth retrying later. Nothing here logs or puts
 * into an exception a request parameter: passwords travel in those.
 */
@ApplicationScoped
class IamCalls {

    private static final Logger LOG = Logger.getLogger(IamCalls.class);
    static final String TEMPORARILY_UNMODIFIABLE = "EntityTemporarilyUnmodifiable";

    private final Duration callTimeout;
    private final Duration consistencyWindow;
    private final Map<String, Instant> created = new ConcurrentHashMap<>();
    private volatile IamClient iam;
    private volatile IamClient iamOnce;
    private volatile StsClient sts;

    IamCalls(IamConfig settings) {
        this.callTimeout = settings.awsCallTimeout();
        this.consistencyWindow = settings.iamConsistencyWindow();
    }

    // Clients are built on first use, so the bot starts (and dry-runs) without AWS credentials.
    IamClient iam() {
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
    IamClient iamOnce() {
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

    StsClient sts() {
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

    // ---- eventual consistency ----------------------------------------------------------------------------------

    static String user(String name) {
        return "user:" + name.toLowerCase(java.util.Locale.ROOT);
    }

    static String group(String name) {
        return "group:" + name;
    }

    static String policy(String arn) {
        return "policy:" + arn;
    }

    /** An entity that exists on IAM's side but may not be visible to every next call yet. */
    void justCreated(String entity) {
        created.put(entity, Instant.now());
    }

    /** Forgets what was created (the account was reset under the bot, or a test starts afresh). */
    void forgetCreated() {
        created.clear();
    }

    private boolean recentlyCreated(String... entities) {
        Instant since = Instant.now().minus(consistencyWindow);
        created.values().removeIf(at -> at.isBefore(since));
        for (String entity : entities) {
            if (created.containsKey(entity)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes {@code call}, retrying with backoff, within the consistency window, any
     * {@code EntityTemporarilyUnmodifiable}, and a {@code NoSuchEntity} when one of {@code entities} was just
     * created. Callers name entities only where "no such entity" can only mean "not visible yet" (the entity is
     * known to exist); a check whether something exists, or a removal of what may be gone, names none. Other
     * failures pass through unchanged (callers tolerate or translate them).
     */
    <T> T settled(String action, Supplier<T> call, String... entities) {
        Instant until = Instant.now().plus(consistencyWindow);
        long pauseMillis = 100;
        while (true) {
            try {
                return call.get();
            } catch (NoSuchEntityException e) {
                if (!recentlyCreated(entities)) {
                    throw e;
                }
                if (Instant.now().isAfter(until)) {
                    throw new IamFailure(action, "NoSuchEntity (just created, not visible yet)", true);
                }
            } catch (IamException e) {
                if (!TEMPORARILY_UNMODIFIABLE.equals(code(e))) {
                    throw e;
                }
                if (Instant.now().isAfter(until)) {
                    throw new IamFailure(action, TEMPORARILY_UNMODIFIABLE, true);
                }
            }
            LOG.debugf("%s: not visible or not modifiable yet, trying again in %d ms", action, pauseMillis);
            pause(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 2000);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IamFailure("wait", "interrupted", true);
        }
    }

    // ---- calls and failures ------------------------------------------------------------------------------------

    /** A call whose every failure is reported as an {@link IamFailure}. */
    <T> T call(String action, Supplier<T> call, String... entities) {
        try {
            return settled(action, call, entities);
        } catch (IamException | SdkClientException e) {
            throw translate(action, e);
        } catch (software.amazon.awssdk.services.sts.model.StsException e) {
            throw translate(action, e);
        }
    }

    void run(String action, Runnable call, String... entities) {
        call(action, () -> {
            call.run();
            return null;
        }, entities);
    }

    /** A call for which some IAM errors mean "nothing to do" (removing what is already gone). */
    @SafeVarargs
    final void tolerating(String action, Runnable call, Class<? extends IamException>... fine) {
        try {
            settled(action, () -> {
                call.run();
                return null;
            });
        } catch (IamException e) {
            for (Class<? extends IamException> ok : fine) {
                if (ok.isInstance(e)) {
                    LOG.debugf("%s: %s, nothing to do", action, code(e));
                    return;
                }
            }
            throw translate(action, e);
        } catch (SdkClientException e) {
            throw translate(action, e);
        }
    }

    static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "HTTP " + e.statusCode()
                : e.awsErrorDetails().errorCode();
    }

    static boolean accessDenied(IamException e) {
        String code = code(e);
        return "AccessDenied".equals(code) || "AccessDeniedException".equals(code) || e.statusCode() == 403;
    }

    static IamFailure translate(String action, RuntimeException e) {
        if (e instanceof IamFailure failure) {
            return failure;
        }
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            boolean transientFailure = service.isThrottlingException() || service.statusCode() >= 500
                    || "ConcurrentModification".equals(code) || TEMPORARILY_UNMODIFIABLE.equals(code);
            if ("AccessDenied".equals(code)) {
                code = "AccessDenied (the bot's IAM policy does not allow it: see deploy/bot-iam-policy.json)";
            }
            return new IamFailure(action, code, transientFailure);
        }
        // Connection refused, reset, timed out: nothing reached IAM or nothing came back.
        return new IamFailure(action, "network error (" + e.getClass().getSimpleName() + ")", true);
    }
}
