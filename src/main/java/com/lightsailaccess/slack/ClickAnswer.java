package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;

/** Where the answer to a click goes, sent after the ack. */
public final class ClickAnswer {

    private ClickAnswer() {
    }

    /**
     * Ephemeral, through the click's response_url. A click on the App Home tab comes with none (no message, no
     * channel), and {@code chat.postEphemeral} needs a channel the person is in: the answer goes to their direct
     * messages with the app instead, which is the Home tab's neighbour, the app's Messages tab.
     */
    public static AfterAck.Task to(SlackNotifier notifier, BlockActionPayload payload, String text) {
        String responseUrl = payload.getResponseUrl();
        if (responseUrl != null && !responseUrl.isBlank()) {
            return () -> notifier.respondEphemeral(responseUrl, text);
        }
        String clicker = payload.getUser() == null ? null : payload.getUser().getId();
        return () -> {
            if (clicker != null) {
                notifier.directMessage(clicker, text);
            }
        };
    }
}
