package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackSettings;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.model.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The Bolt app: every listener registered once, used by the HTTP route and by Socket Mode alike.
 *
 * <p>The middleware list is explicit. Signature checking happens before Bolt, in {@link SlackEventsRoute}, over
 * the raw bytes (Bolt's own check decodes with the platform charset and accepts future timestamps); Socket Mode
 * requests are not signed, the WebSocket itself being authenticated by the app token. Bolt's single-team
 * authorization is left out (Bolt puts the bot token into every request's context itself), so that no
 * {@code auth.test} call sits on the ack path and a Web API outage cannot fail acknowledgements.
 */
@ApplicationScoped
class SlackAppProducer {

    @Produces
    @Singleton
    Slack slack(SlackSettings settings) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        // The Web API client's own logging prints request bodies: a credentials DM would reach the log.
        config.setPrettyResponseLoggingEnabled(false);
        config.setLibraryMaintainerMode(false);
        config.setFailOnUnknownProperties(false);
        // The client's usage statistics resolve each token's team with an extra auth.test call; not needed.
        config.getMethodsConfig().setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    void close(@Disposes Slack slack) throws Exception {
        slack.close();
    }

    @Produces
    @Singleton
    App app(SlackSettings settings, Slack slack, DeliveryDedup dedup, Unmatched unmatched,
            Instance<Listeners.Command> commands, Instance<Listeners.Button> buttons, Instance<Listeners.Form> forms,
            Instance<Listeners.Event<?>> events) {
        AppConfig config = AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret().orElse(null))
                .slack(slack)
                .build();
        config.setUnmatchedRequestHandler(unmatched);
        App app = new App(config, slack, List.of(dedup));
        commands.forEach(c -> app.command(c.command(), c));
        buttons.forEach(b -> app.blockAction(b.actionId(), b));
        forms.forEach(f -> app.viewSubmission(f.callbackId(), f));
        events.forEach(e -> register(app, e));
        return app.start();
    }

    private static <E extends Event> void register(App app, Listeners.Event<E> listener) {
        app.event(listener.eventType(), listener);
    }
}
