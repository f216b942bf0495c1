package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackSettings;
import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * With {@code SLACK_APP_TOKEN} set, the same Bolt app also receives events over Socket Mode, so the bot can be
 * tried without a public URL. {@code /slack/events} stays available either way.
 */
@ApplicationScoped
class SocketModeRunner {

    private static final Logger LOG = Logger.getLogger(SocketModeRunner.class);

    private final SlackSettings settings;
    private final App app;
    private SocketModeApp socketModeApp;

    public SocketModeRunner(SlackSettings settings, App app) {
        this.settings = settings;
        this.app = app;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.appToken().isEmpty()) {
            return;
        }
        try {
            socketModeApp = new SocketModeApp(settings.appToken().get(), SocketModeClient.Backend.JavaWebSocket,
                    app);
            // Connecting must not hold up start-up: the HTTP endpoint and health checks come up regardless.
            socketModeApp.startAsync();
            LOG.info("Socket Mode: connecting to Slack");
        } catch (Exception e) {
            LOG.errorf("Socket Mode could not start (%s); /slack/events still works", e.getClass().getSimpleName());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (socketModeApp != null) {
            try {
                socketModeApp.close();
            } catch (Exception e) {
                LOG.debugf("Closing Socket Mode: %s", e.getClass().getSimpleName());
            }
        }
    }
}
