package com.lightsailaccess.slack;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * For the benchmark only, and off unless {@code LIGHTSAIL_BENCHMARK_BASELINE=true}: {@code GET /bench/baseline}
 * answers 200 and does nothing else, on the same HTTP stack as {@code /slack/events}. Its latency is the floor
 * that every benchmark figure is divided by, because absolute times on a shared 2-core machine are noise.
 */
@ApplicationScoped
class BaselineRoute {

    private final boolean enabled;

    public BaselineRoute(LightsailSlackConfig settings) {
        this.enabled = settings.benchmarkBaseline();
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.get("/bench/baseline").handler(ctx -> ctx.response().setStatusCode(200).end());
        }
    }
}
