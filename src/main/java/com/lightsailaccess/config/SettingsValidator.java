package com.lightsailaccess.config;

import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.CredentialDelivery;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.Lifetimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the raw mappings into {@link BotSettings}, collecting every problem before failing, so a person who
 * deploys the bot fixes their {@code .env} in one go. Messages name the environment variable and never echo a
 * secret's value.
 */
final class SettingsValidator {

    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final Pattern SLACK_USERGROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");
    /** IAM's rules: {@code /} alone or {@code /…/} of printable ASCII, at most 512 characters. */
    private static final Pattern IAM_PATH = Pattern.compile("/|/[\\x21-\\x7E]{0,510}/");
    private static final Pattern IAM_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private SettingsValidator() {
    }

    public static BotSettings validate(SlackSettingsMapping slack, LightsailSettingsMapping lightsail) {
        return validate(slack, lightsail, List.of());
    }

    /** As above, with problems found elsewhere (the database: {@link StartupCheck}) reported in the same message. */
    public static BotSettings validate(SlackSettingsMapping slack, LightsailSettingsMapping lightsail,
            List<String> otherProblems) {
        List<String> problems = new ArrayList<>(otherProblems);

        String botToken = required(slack.botToken(), "SLACK_BOT_TOKEN", "the bot token (xoxb-…)", problems);
        if (botToken != null && !botToken.startsWith("xoxb-")) {
            problems.add("SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
        }
        Optional<String> appToken = present(slack.appToken());
        if (appToken.isPresent() && !appToken.get().startsWith("xapp-")) {
            problems.add("SLACK_APP_TOKEN must be an app-level token starting with xapp- (or be left unset)");
        }
        Optional<String> signingSecret = present(slack.signingSecret());
        if (signingSecret.isEmpty() && appToken.isEmpty()) {
            problems.add("SLACK_SIGNING_SECRET is missing: every request to /slack/events is verified with it "
                    + "(it may be left out only when SLACK_APP_TOKEN selects Socket Mode)");
        }
        String apiUrl = slack.apiUrl().trim();
        if (!(apiUrl.startsWith("https://") || apiUrl.startsWith("http://"))) {
            problems.add("SLACK_API_URL must be an http(s) URL, got '" + apiUrl + "'");
        } else if (!apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        String channel = required(slack.approvalChannel(), "SLACK_APPROVAL_CHANNEL",
                "the ID of the channel where approval requests are posted (C…)", problems);
        if (channel != null && !SLACK_CHANNEL_ID.matcher(channel).matches()) {
            problems.add("SLACK_APPROVAL_CHANNEL must be a channel ID such as C0123ABCD, not a name (got '"
                    + channel + "')");
        }

        Set<String> admins = new LinkedHashSet<>();
        for (String id : lightsail.admins().orElse("").split(",")) {
            String trimmed = id.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (SLACK_USER_ID.matcher(trimmed).matches()) {
                admins.add(trimmed);
            } else {
                problems.add("LIGHTSAIL_ADMINS must list Slack user IDs such as U0123ABCD; '" + trimmed
                        + "' is not one");
            }
        }
        Optional<String> usergroup = present(lightsail.adminUsergroup());
        if (usergroup.isPresent() && !SLACK_USERGROUP_ID.matcher(usergroup.get()).matches()) {
            problems.add("LIGHTSAIL_ADMIN_USERGROUP must be a user group ID such as S0123ABCD (got '"
                    + usergroup.get() + "')");
        }
        if (admins.isEmpty() && usergroup.isEmpty() && lightsail.admins().orElse("").isBlank()) {
            problems.add("LIGHTSAIL_ADMINS or LIGHTSAIL_ADMIN_USERGROUP must be set: someone has to approve requests");
        }

        boolean selfApproval = bool(lightsail.allowSelfApproval(), "LIGHTSAIL_ALLOW_SELF_APPROVAL", problems);
        boolean dryRun = bool(lightsail.dryRun().orElse("false"), "LIGHTSAIL_DRY_RUN", problems);
        AccessType defaultAccess = AccessType.parse(lightsail.defaultAccess()).orElse(null);
        if (defaultAccess == null) {
            problems.add("LIGHTSAIL_DEFAULT_ACCESS must be console, programmatic or both (got '"
                    + lightsail.defaultAccess() + "')");
        }
        String group = iamName(lightsail.iamGroup(), "LIGHTSAIL_IAM_GROUP", problems);
        String policy = iamName(lightsail.iamPolicy(), "LIGHTSAIL_IAM_POLICY", problems);
        String firstSignInPolicy = iamName(lightsail.firstSignInPolicy(), "LIGHTSAIL_FIRST_SIGN_IN_POLICY", problems);
        if (policy != null && policy.equalsIgnoreCase(firstSignInPolicy)) {
            problems.add("LIGHTSAIL_FIRST_SIGN_IN_POLICY must name another policy than LIGHTSAIL_IAM_POLICY (both are '"
                    + policy + "')");
        }
        String path = lightsail.iamPath().trim();
        if (!IAM_PATH.matcher(path).matches()) {
            problems.add("LIGHTSAIL_IAM_PATH must be / or start and end with / (printable ASCII, at most 512 "
                    + "characters), got '" + path + "'");
        }

        Lifetimes lifetimes = lifetimes(lightsail, problems);
        CredentialDelivery delivery = delivery(lightsail, problems);

        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new BotSettings(botToken, signingSecret, appToken, apiUrl, channel, Set.copyOf(admins), usergroup,
                selfApproval, defaultAccess, group, policy, firstSignInPolicy, path, dryRun, lifetimes, delivery);
    }

    private static Lifetimes lifetimes(LightsailSettingsMapping lightsail, List<String> problems) {
        List<GrantDuration> durations = new ArrayList<>();
        for (String word : lightsail.durations().split(",")) {
            if (word.isBlank()) {
                continue;
            }
            Optional<GrantDuration> d = GrantDuration.parse(word);
            if (d.isEmpty()) {
                problems.add("LIGHTSAIL_DURATIONS: '" + word.trim() + "' is not a duration (<n>s, <n>m, <n>h, <n>d "
                        + "or permanent)");
            } else if (durations.stream().noneMatch(c -> c.length().equals(d.get().length()))) {
                durations.add(d.get());
            }
        }
        if (durations.isEmpty()) {
            problems.add("LIGHTSAIL_DURATIONS must offer at least one duration");
        }
        GrantDuration byDefault = GrantDuration.parse(lightsail.defaultDuration()).orElse(null);
        if (byDefault == null || durations.stream().noneMatch(c -> c.length().equals(byDefault.length()))) {
            problems.add("LIGHTSAIL_DEFAULT_DURATION must be one of LIGHTSAIL_DURATIONS (got '"
                    + lightsail.defaultDuration() + "')");
        }
        Duration reminder = length(lightsail.expiryReminder(), "LIGHTSAIL_EXPIRY_REMINDER", problems);
        Duration reconcile = length(lightsail.reconcileEvery(), "LIGHTSAIL_RECONCILE_EVERY", problems);
        Optional<Duration> dormant = lightsail.dormantAfter().trim().equalsIgnoreCase("off") ? Optional.empty()
                : Optional.ofNullable(length(lightsail.dormantAfter(), "LIGHTSAIL_DORMANT_AFTER (or off)", problems));
        Duration grace = length(lightsail.dormantGrace(), "LIGHTSAIL_DORMANT_GRACE", problems);
        int approvals = 0;
        try {
            approvals = Integer.parseInt(lightsail.approvalsRequired().trim());
        } catch (NumberFormatException e) {
            approvals = 0;
        }
        if (approvals < 1 || approvals > 10) {
            problems.add("LIGHTSAIL_APPROVALS_REQUIRED must be a number from 1 to 10 (got '"
                    + lightsail.approvalsRequired() + "')");
        }
        return new Lifetimes(List.copyOf(durations), byDefault, reminder, reconcile, dormant, grace, approvals);
    }

    private static CredentialDelivery delivery(LightsailSettingsMapping lightsail, List<String> problems) {
        String mode = lightsail.credentialDelivery().trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("dm") && !mode.equals("reveal")) {
            problems.add("LIGHTSAIL_CREDENTIAL_DELIVERY must be dm or reveal (got '" + lightsail.credentialDelivery()
                    + "')");
        }
        Duration within = length(lightsail.revealWithin(), "LIGHTSAIL_REVEAL_WITHIN", problems);
        return new CredentialDelivery(mode.equals("reveal"), within, lightsail.revealWithin().trim());
    }

    /** A positive length written as a duration ({@code permanent} is not one). */
    private static Duration length(String raw, String name, List<String> problems) {
        Optional<GrantDuration> d = GrantDuration.parse(raw);
        if (d.isEmpty() || d.get().permanent()) {
            problems.add(name + " must be <n>s, <n>m, <n>h or <n>d (got '" + raw + "')");
            return null;
        }
        return d.get().length().orElseThrow();
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String required(Optional<String> value, String name, String what, List<String> problems) {
        Optional<String> v = present(value);
        if (v.isEmpty()) {
            problems.add(name + " is missing: " + what);
            return null;
        }
        return v.get();
    }

    private static boolean bool(String raw, String name, List<String> problems) {
        String v = raw.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (!v.equals("false")) {
            problems.add(name + " must be true or false (got '" + raw + "')");
        }
        return false;
    }

    private static String iamName(String raw, String name, List<String> problems) {
        String v = raw.trim();
        if (!IAM_NAME.matcher(v).matches()) {
            problems.add(name + " must be 1–128 characters of letters, digits and +=,.@_- (got '" + v + "')");
        }
        return v;
    }
}
