package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Asks Slack once, right after start-up, whether it knows the bot token ({@code auth.test}), on a thread of its own so
 * that readiness does not wait for Slack: a refused token or an unreachable Slack is said at once, in one line that
 * names the setting or the host, instead of surfacing later as a failed job. Readiness stays up either way (requests
 * are stored and queued while Slack is away); {@code /q/health/ready} shows what the bot last learnt about Slack.
 */
@ApplicationScoped
class SlackStartupCheck {

    private static final Logger LOG = Logger.getLogger(SlackStartupCheck.class);

    private final SlackNotifier slack;

    SlackStartupCheck(SlackNotifier slack) {
        this.slack = slack;
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::check, "slack-startup-check");
        thread.setDaemon(true);
        thread.start();
    }

    /** One {@code auth.test}, and one log line that says what it found. */
    void check() {
        try {
            LOG.infof("Slack: the bot token belongs to %s", slack.authTest());
        } catch (SlackCallException e) {
            if (e.tokenRefused()) {
                LOG.errorf("Slack refused SLACK_BOT_TOKEN (%s): set it to the Bot User OAuth Token (xoxb-…) of the app "
                        + "installed in your workspace (OAuth & Permissions). Nothing can be posted until then; "
                        + "requests are still stored.", e.error());
            } else {
                LOG.errorf("Slack's Web API could not be checked at start-up: %s. Requests are still stored and "
                        + "queued, and sent when Slack answers.", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.errorf("Slack's Web API could not be checked at start-up: %s", e.getClass().getSimpleName());
        }
    }
}
