package com.lightsailaccess.slack;

import com.lightsailaccess.config.BotSettings;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives every listener's context the bot token. Bolt's own single-team authorization would call {@code auth.test}
 * on the acknowledgement path (and fail every request while Slack's Web API is down); this bot serves one
 * workspace, whose token start-up already knows.
 */
@ApplicationScoped
public class BotContext implements Middleware {

    private final String botToken;

    public BotContext(BotSettings settings) {
        this.botToken = settings.slackBotToken();
    }

    @Override
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        req.getContext().setBotToken(botToken);
        return chain.next(req);
    }
}
