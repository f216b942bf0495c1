package com.lightsailaccess.grant;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import com.lightsailaccess.iam.IamAccount;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.Provisioning;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.Converter;
import org.jboss.logging.Logger;

/**
 * Checks the IAM names, the path and dry run at start-up, and gives the beans {@link Provisioning}. They are read
 * here, where the bot provisions, not in {@code iam}: the IAM gateways take names as arguments and know no other
 * package of the bot. The typed value is in the shared model because revocation, reconciliation and the approval
 * message use it too.
 */
@ApplicationScoped
class ProvisioningSettingsCheck implements SettingsCheck {

    private static final Logger LOG = Logger.getLogger(ProvisioningSettingsCheck.class);
    /** IAM's rules: {@code /} alone or {@code /…/} of printable ASCII, at most 512 characters. */
    private static final Pattern IAM_PATH = Pattern.compile("/|/[\\x21-\\x7E]{0,510}/");
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private final ProvisioningConfig config;

    ProvisioningSettingsCheck(ProvisioningConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        levels(config, read(config, problems), problems);
    }

    /** The access levels ({@code LIGHTSAIL_ACCESS_LEVELS}), checked with the other IAM settings. */
    @Produces
    @Singleton
    AccessLevels levels() {
        return Problems.valid(problems -> levels(config, read(config, problems), problems));
    }

    /** The levels the settings configure, each problem reported (also by {@link BotPolicyCommand}). */
    static AccessLevels levels(ProvisioningConfig config, Provisioning provisioning, Problems problems) {
        return AccessLevelsFile.read(Problems.present(config.accessLevels()), provisioning, problems.at(55));
    }

    /** At start-up, so that dry run is announced in the log at once. */
    @Produces
    @Singleton
    @Startup
    Provisioning provisioning() {
        Provisioning provisioning = Problems.valid(problems -> read(config, problems));
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT && config.dryRun().isEmpty()
                && !IamAccount.credentialsAvailable()) {
            LOG.warn("Dev mode found no AWS credentials: LIGHTSAIL_DRY_RUN defaults to true, so no IAM call that "
                    + "changes anything is made. Set AWS credentials, or LIGHTSAIL_DRY_RUN=false, to provision.");
            return provisioning.asDryRun();
        }
        if (provisioning.dryRun()) {
            LOG.warn("LIGHTSAIL_DRY_RUN=true: no IAM call that changes anything is made.");
        }
        return provisioning;
    }

    /** The settings as the bot provisions with them, each problem reported (also by {@link BotPolicyCommand}). */
    static Provisioning read(ProvisioningConfig config, Problems problems) {
        Boolean dryRun = problems.at(30).check(config.dryRun().orElse("false"), Problems.bool("LIGHTSAIL_DRY_RUN"));
        problems.at(50);
        String group = problems.check(config.iamGroup(), iamName("LIGHTSAIL_IAM_GROUP"));
        String policy = problems.check(config.iamPolicy(), iamName("LIGHTSAIL_IAM_POLICY"));
        String firstSignInPolicy = problems.check(config.firstSignInPolicy(),
                iamName("LIGHTSAIL_FIRST_SIGN_IN_POLICY"));
        String requireMfa = config.requireMfa().trim().toLowerCase(Locale.ROOT);
        if (!requireMfa.equals("off") && !requireMfa.equals("console")) {
            problems.add("LIGHTSAIL_REQUIRE_MFA must be off or console, got '" + config.requireMfa().trim() + "'");
        }
        Optional<String> mfaPolicy = requireMfa.equals("console")
                ? Optional.ofNullable(problems.check(config.mfaPolicy(), iamName("LIGHTSAIL_MFA_POLICY")))
                : Optional.empty();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("LIGHTSAIL_IAM_POLICY", config.iamPolicy());
        names.put("LIGHTSAIL_FIRST_SIGN_IN_POLICY", config.firstSignInPolicy());
        if (requireMfa.equals("console")) {
            names.put("LIGHTSAIL_MFA_POLICY", config.mfaPolicy());
        }
        Map<String, String> seen = new HashMap<>();
        names.forEach((setting, value) -> {
            String earlier = seen.putIfAbsent(value.trim().toLowerCase(Locale.ROOT), setting);
            if (earlier != null) {
                problems.add(setting + " must name another policy than " + earlier + " (both are '" + value.trim()
                        + "')");
            }
        });
        String path = config.iamPath().trim();
        if (!IAM_PATH.matcher(path).matches()) {
            problems.add("LIGHTSAIL_IAM_PATH must be / or start and end with / (printable ASCII, at most 512 "
                    + "characters), got '" + path + "'");
        }
        return new Provisioning(group, policy, firstSignInPolicy, mfaPolicy, path, Boolean.TRUE.equals(dryRun));
    }

    /** IAM's rule for the name of a group or a policy. */
    static Converter<String> iamName(String name) {
        return raw -> {
            String v = raw.trim();
            if (!IAM_NAME.matcher(v).matches()) {
                throw new IllegalArgumentException(name + " must be 1–128 characters of letters, digits and +=,.@_- "
                        + "(got '" + v + "')");
            }
            return v;
        };
    }
}
