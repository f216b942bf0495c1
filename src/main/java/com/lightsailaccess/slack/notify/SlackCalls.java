package com.lightsailaccess.slack.notify;

import static com.lightsailaccess.slack.notify.SlackCallException.retryAfter;

import com.google.gson.JsonParseException;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a call to Slack came to: the Web API's answer, or a {@link SlackCallException} that says whether trying again
 * can help and when (Slack's Retry-After). The Web API's calls also tell {@link SlackConnection}, for readiness.
 */
final class SlackCalls {

    /**
     * The {@code ok:false} errors that Slack documents as worth retrying. Every other error (invalid_auth,
     * channel_not_found, invalid_blocks, and any error Slack adds later) will not go away by waiting.
     */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout");
    static final String IO_ERROR = "io_error";
    private static final Pattern URL = Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s/]+\\S*");

    private final SlackConnection connection;
    private final String apiHost;

    SlackCalls(SlackConnection connection, String apiUrl) {
        this.connection = connection;
        this.apiHost = hostOf(apiUrl);
    }

    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /** A Web API call: its answer when Slack said {@code ok}. */
    <T extends SlackApiTextResponse> T call(String method, Call<T> call) throws SlackCallException {
        T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            Duration retryAfter = retryAfter(e.getResponse() == null ? null : e.getResponse().header("Retry-After"));
            String error = e.getError() != null && e.getError().getError() != null ? e.getError().getError()
                    : "http_" + status;
            throw recorded(new SlackCallException(method, error, status == 429 || status >= 500 || status == 0,
                    retryAfter));
        } catch (IOException e) {
            // Only the Web API's own calls speak for it in readiness (a response_url or an upload is another host).
            throw recorded(unreachable(method, apiHost, e));
        } catch (JsonParseException e) {
            // A proxy's error page or a truncated answer: worth another try later.
            throw new SlackCallException(method, "unreadable_response", true, null);
        }
        if (response == null) {
            throw new SlackCallException(method, "no_response", true, null);
        }
        if (!response.isOk()) {
            String error = response.getError() == null ? "unknown_error" : response.getError();
            throw recorded(new SlackCallException(method, error, TRANSIENT.contains(error), null));
        }
        connection.answered();
        return response;
    }

    private SlackCallException recorded(SlackCallException e) {
        connection.failed(e);
        return e;
    }

    /**
     * Slack could not be reached: the exception names the host and the cause (a name that does not resolve, a
     * refused connection, a timeout), never the URL's path, which for a response_url or an upload is a secret.
     */
    SlackCallException unreachable(String method, String host, IOException e) {
        String cause = e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                : ": " + URL.matcher(e.getMessage()).replaceAll(m -> hostOf(m.group())));
        return new SlackCallException(method, IO_ERROR, "could not reach " + host + ": " + cause, true, null);
    }

    static String hostOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null) {
                return "an unreadable URL";
            }
            return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "an unreadable URL";
        }
    }
}
