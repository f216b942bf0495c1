package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.bolt.handler.UnmatchedRequestHandler;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * What arrives that no listener wants. A person gets a clear ephemeral answer (an unknown command, a button from
 * an old message); Slack's own deliveries (events the bot does not use, an ssl_check) are acknowledged so they
 * are not retried.
 */
@ApplicationScoped
class Unmatched implements UnmatchedRequestHandler {

    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    public Unmatched(SlackNotifier notifier, AfterAck afterAck) {
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    @Override
    public Response handle(Request<?> request) {
        if (request instanceof SlashCommandRequest command) {
            String name = command.getPayload().getCommand();
            return Response.json(200, Map.of("response_type", "ephemeral", "text",
                    ":x: This app does not know the command `" + clean(name) + "`. Try `/lightsail-access help`."));
        }
        if (request instanceof BlockActionRequest click) {
            String responseUrl = click.getPayload().getResponseUrl();
            afterAck.run("unknown button answer", () -> notifier.respondEphemeral(responseUrl, ":x: That button is "
                    + "not known to Lightsail Access (perhaps from an old message). Nothing changed."));
            return Response.ok();
        }
        return Response.ok();
    }

    private static String clean(String name) {
        if (name == null) {
            return "";
        }
        String c = name.replaceAll("[^/a-zA-Z0-9_-]", "");
        return c.length() > 40 ? c.substring(0, 40) : c;
    }
}
