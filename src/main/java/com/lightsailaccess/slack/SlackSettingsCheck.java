package com.lightsailaccess.slack;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import com.lightsailaccess.slack.notify.SlackSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the Slack settings and the admins at start-up, and gives the beans their typed values. */
@ApplicationScoped
class SlackSettingsCheck implements SettingsCheck {

    private static final Pattern SLACK_USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");
    private static final Pattern SLACK_USERGROUP_ID = Pattern.compile("S[A-Z0-9]{2,}");

    private final SlackBotConfig slack;
    private final LightsailSlackConfig lightsail;

    SlackSettingsCheck(SlackBotConfig slack, LightsailSlackConfig lightsail) {
        this.slack = slack;
        this.lightsail = lightsail;
    }

    @Override
    public void check(Problems problems) {
        settings(problems.at(10));
        admins(problems.at(10));
    }

    @Produces
    @Singleton
    SlackSettings settings() {
        return Problems.valid(this::settings);
    }

    @Produces
    @Singleton
    Admins admins() {
        return Problems.valid(this::admins);
    }

    /** Messages name the variable and never echo a secret's value. */
    private SlackSettings settings(Problems problems) {
        String botToken = problems.check(slack.botToken().orElse(""),
                Problems.required("SLACK_BOT_TOKEN", "the bot token (xoxb-…)"));
        if (botToken != null && !botToken.startsWith("xoxb-")) {
            problems.add("SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
        }
        Optional<String> appToken = Problems.present(slack.appToken());
        if (appToken.isPresent() && !appToken.get().startsWith("xapp-")) {
            problems.add("SLACK_APP_TOKEN must be an app-level token starting with xapp- (or be left unset)");
        }
        Optional<String> signingSecret = Problems.present(slack.signingSecret());
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
        String channel = problems.check(slack.approvalChannel().orElse(""), Problems.required(
                "SLACK_APPROVAL_CHANNEL", "the ID of the channel where approval requests are posted (C…)"));
        if (channel != null && !SLACK_CHANNEL_ID.matcher(channel).matches()) {
            problems.add("SLACK_APPROVAL_CHANNEL must be a channel ID such as C0123ABCD, not a name (got '"
                    + channel + "')");
        }
        return new SlackSettings(botToken, signingSecret, appToken, apiUrl, channel, lightsail.slackPostBurst(),
                lightsail.slackPostInterval());
    }

    private Admins admins(Problems problems) {
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
        Optional<String> usergroup = Problems.present(lightsail.adminUsergroup());
        if (usergroup.isPresent() && !SLACK_USERGROUP_ID.matcher(usergroup.get()).matches()) {
            problems.add("LIGHTSAIL_ADMIN_USERGROUP must be a user group ID such as S0123ABCD (got '"
                    + usergroup.get() + "')");
        }
        if (admins.isEmpty() && usergroup.isEmpty() && lightsail.admins().orElse("").isBlank()) {
            problems.add("LIGHTSAIL_ADMINS or LIGHTSAIL_ADMIN_USERGROUP must be set: someone has to approve requests");
        }
        return new Admins(Set.copyOf(admins), usergroup);
    }
}
