package com.lightsailaccess.slack;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.lightsailaccess.slack.notify.SlackSettings;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code POST /slack/events}: slash commands, interactivity and the Events API, all through one Bolt app.
 *
 * <p>Order matters: the size limit (413) and the signature (401) are checked on the raw bytes before anything is
 * parsed or stored; only then is the body decoded (always as UTF-8, whatever the JVM's default charset) and handed
 * to Bolt. Bolt runs on a worker thread because listeners touch the database; they answer within Slack's 3 s and
 * leave slow work to jobs.
 */
@ApplicationScoped
class SlackEventsRoute {

    public static final String PATH = "/slack/events";
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String RAW_BODY = "lightsail.raw-body";
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z_]{1,64}");

    private static final Logger LOG = Logger.getLogger(SlackEventsRoute.class);

    private final App app;
    private final SlackRequestParser parser;
    private final Optional<SlackSignatureVerifier> verifier;
    private final MeterRegistry metrics;

    public SlackEventsRoute(App app, SlackSettings settings, Clock clock, MeterRegistry metrics) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.verifier = settings.signingSecret().map(secret -> new SlackSignatureVerifier(secret, clock));
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.post(PATH).handler(this::readBody).blockingHandler(this::handle, false);
    }

    /**
     * Collects the raw body, answering 413 from Content-Length or while reading once it passes 1 MiB. Vert.x's
     * BodyHandler is not used: for a form it also decodes every field, and refuses any field over
     * {@code quarkus.http.limits.max-form-attribute-size} (2 KB by default) with 400, while Slack sends a click or
     * a submission as one field, {@code payload}, holding the whole message or view (tens of KB). Bolt reads the
     * form from the raw body itself, so nothing here needs it decoded.
     */
    void readBody(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long declared = contentLength(request);
        if (declared > MAX_BODY_BYTES) {
            tooLarge(ctx);
            return;
        }
        Buffer body = Buffer.buffer((int) Math.min(Math.max(declared, 1024), 64 * 1024));
        if (request.isEnded()) {
            ctx.put(RAW_BODY, body);
            ctx.next();
            return;
        }
        AtomicBoolean refused = new AtomicBoolean();
        request.handler(chunk -> {
            if (refused.get()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                refused.set(true);
                tooLarge(ctx);
                return;
            }
            body.appendBuffer(chunk);
        }).endHandler(done -> {
            if (!refused.get()) {
                ctx.put(RAW_BODY, body);
                ctx.next();
            }
        }).exceptionHandler(failure -> {
            if (refused.compareAndSet(false, true)) {
                reply(ctx, 400, "malformed request", "malformed");
            }
        }).resume();
    }

    private static long contentLength(HttpServerRequest request) {
        String header = request.getHeader("Content-Length");
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void tooLarge(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            // The rest of the body is not read: an HTTP/1 connection is closed after the answer. HTTP/2 forbids
            // connection headers (RFC 9113, 8.2.2; Java 25's client refuses such a response): there the stream ends.
            if (ctx.request().version() != HttpVersion.HTTP_2) {
                ctx.response().putHeader("Connection", "close");
            }
            reply(ctx, 413, "request body too large (at most 1 MiB)", "too_large");
        }
    }

    void handle(RoutingContext ctx) {
        Timer.Sample sample = Timer.start(metrics);
        String kind = "unknown";
        try {
            Buffer buffer = ctx.get(RAW_BODY);
            byte[] raw = buffer == null ? new byte[0] : buffer.getBytes();
            MultiMap headers = ctx.request().headers();
            if (verifier.isEmpty()) {
                // Socket Mode only (no signing secret): nothing that arrives over HTTP can be trusted.
                reply(ctx, 401, "this bot accepts events over Socket Mode only", "unsigned");
                return;
            }
            SlackSignatureVerifier.Verdict verdict = verifier.get().verify(
                    headers.get("X-Slack-Request-Timestamp"), headers.get("X-Slack-Signature"), raw);
            if (verdict != SlackSignatureVerifier.Verdict.VALID) {
                LOG.infof("Rejected a request to %s: signature %s", PATH, verdict);
                reply(ctx, 401, "invalid request signature", "bad_signature");
                return;
            }
            Request<?> request;
            try {
                request = parser.parse(SlackRequestParser.HttpRequest.builder()
                        .requestUri(PATH)
                        .queryString(Map.of())
                        .headers(new RequestHeaders(headersOf(headers)))
                        .requestBody(new String(raw, StandardCharsets.UTF_8))
                        .remoteAddress(ctx.request().remoteAddress() == null ? null
                                : ctx.request().remoteAddress().host())
                        .build());
            } catch (RuntimeException e) {
                LOG.infof("Malformed Slack request: %s", e.getClass().getSimpleName());
                reply(ctx, 400, "malformed request", "malformed");
                return;
            }
            if (request == null) {
                Optional<String> type = eventsApiType(raw);
                if (type.isPresent()) {
                    // Slack sends Events API deliveries of types Bolt has no class for (app_rate_limited, and
                    // whatever comes next); they are signed and meant for us, and anything but 200 counts as a
                    // failed delivery.
                    LOG.infof("Acknowledged an Events API delivery of type %s, which the bot does not use",
                            type.get());
                    ctx.response().setStatusCode(200).end();
                    return;
                }
                reply(ctx, 400, "unknown request type", "unknown_type");
                return;
            }
            kind = request.getRequestType().name();
            Response response;
            try {
                response = app.run(request);
            } catch (Exception e) {
                LOG.errorf("A Slack listener failed on %s: %s", kind, e.getClass().getName());
                reply(ctx, 500, "internal error", "error");
                return;
            }
            write(ctx, response);
            metrics.counter("lightsail.slack.requests", "kind", kind, "status",
                    String.valueOf(response.getStatusCode())).increment();
        } finally {
            sample.stop(metrics.timer("lightsail.slack.ack", "kind", kind));
        }
    }

    /** The {@code type} of a JSON body (the Events API's shape), when it is a plain word. */
    static Optional<String> eventsApiType(byte[] raw) {
        if (raw.length == 0 || raw[0] != '{') {
            return Optional.empty();
        }
        try {
            JsonElement type = JsonParser.parseString(new String(raw, StandardCharsets.UTF_8)).getAsJsonObject()
                    .get("type");
            return type != null && type.isJsonPrimitive() && EVENT_TYPE.matcher(type.getAsString()).matches()
                    ? Optional.of(type.getAsString()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, List<String>> headersOf(MultiMap headers) {
        Map<String, List<String>> map = new HashMap<>();
        for (String name : headers.names()) {
            map.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(headers.getAll(name)));
        }
        return map;
    }

    private static void write(RoutingContext ctx, Response response) {
        var http = ctx.response();
        http.setStatusCode(response.getStatusCode() == null ? 200 : response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> http.headers().add(name, v)));
        }
        if (response.getContentType() != null) {
            http.putHeader("Content-Type", response.getContentType());
        }
        String body = response.getBody();
        if (body == null || body.isEmpty()) {
            http.end();
        } else {
            http.end(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void reply(RoutingContext ctx, int status, String text, String outcome) {
        metrics.counter("lightsail.slack.rejected", "reason", outcome).increment();
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
    }
}
