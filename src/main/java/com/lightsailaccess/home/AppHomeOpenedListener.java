package com.lightsailaccess.home;

import com.lightsailaccess.slack.Listeners;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import jakarta.inject.Singleton;

/**
 * {@code app_home_opened}: a person opened the app's Home tab (or its Messages tab, {@code tab: messages}, which
 * needs nothing). Only the publish is queued here; the view is built and sent after the ack, by a job.
 */
@Singleton
class AppHomeOpenedListener implements Listeners.Event<AppHomeOpenedEvent> {

    private final AppHome home;

    public AppHomeOpenedListener(AppHome home) {
        this.home = home;
    }

    @Override
    public Class<AppHomeOpenedEvent> eventType() {
        return AppHomeOpenedEvent.class;
    }

    @Override
    public Response apply(EventsApiPayload<AppHomeOpenedEvent> event, EventContext ctx) {
        AppHomeOpenedEvent opened = event.getEvent();
        if (opened != null && "home".equals(opened.getTab()) && opened.getUser() != null) {
            // If the database cannot take it, the 500 makes Slack deliver the event again later.
            home.opened(opened.getUser());
        }
        return ctx.ack();
    }
}
