package com.lightsailaccess.config;

/**
 * A module's own settings, checked at start-up: each module that reads settings has one bean of this type, next to
 * its {@code @ConfigMapping}, and reports every problem it finds. {@link StartupCheck} runs them all, with the
 * database, before anything touches the database, and stops start-up with one message that lists every problem.
 *
 * <p>A module reports each problem at a place, so that the message reads in the order of README's settings
 * whichever module owns them: 10 Slack (tokens, API URL, approval channel, admins), 20 self-approval, 30 dry run,
 * 40 default access, 50 IAM names and path, 60 durations, 70 expiry reminder, 80 reconciliation and dormancy,
 * 100 dormant grace, 110 approvals required, 120 credential delivery. The database comes first, at 0.
 */
public interface SettingsCheck {

    void check(Problems problems);
}
