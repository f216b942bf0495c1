package com.lightsailaccess.revoke;

import com.lightsailaccess.slack.Listeners;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.User;
import com.slack.api.model.event.UserChangeEvent;
import jakarta.inject.Singleton;

/**
 * {@code user_change} fires on every profile edit. Only an account that may no longer hold access matters: one
 * deactivated ({@code deleted: true}; a missing field means false), demoted to a guest ({@code is_restricted},
 * {@code is_ultra_restricted}) or a stranger to the organisation ({@code is_stranger}). The job it queues confirms
 * with {@code users.info} before revoking anything.
 */
@Singleton
class UserChangeListener implements Listeners.Event<UserChangeEvent> {

    private final RevocationService revocations;

    public UserChangeListener(RevocationService revocations) {
        this.revocations = revocations;
    }

    @Override
    public Class<UserChangeEvent> eventType() {
        return UserChangeEvent.class;
    }

    @Override
    public Response apply(EventsApiPayload<UserChangeEvent> event, EventContext ctx) {
        User user = event.getEvent() == null ? null : event.getEvent().getUser();
        if (user != null && user.getId() != null && (user.isDeleted() || user.isRestricted()
                || user.isUltraRestricted() || user.isStranger())) {
            // If the database cannot take it, the 500 makes Slack deliver the event again later.
            revocations.departureNoticed(user.getId());
        }
        return ctx.ack();
    }
}
