package com.lightsailaccess.slack.notify;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * What the bot last learnt about its connection to Slack's Web API: answering, the token refused, or the host out of
 * reach and why. Every Web API call reports here; {@code /q/health/ready} shows it, without taking readiness away
 * (requests are still stored and queued while Slack is away, and sent when it answers).
 */
@ApplicationScoped
class SlackConnection {

    private volatile String status = "not checked yet";
    private volatile boolean healthy;

    void answered() {
        if (!healthy) {
            healthy = true;
            status = "answering";
        }
    }

    void failed(SlackCallException e) {
        if (e.tokenRefused() || e.error().equals(SlackCalls.IO_ERROR)) {
            healthy = false;
            status = e.getMessage();
        }
    }

    /** {@code answering}, or the last call's failure when the token was refused or Slack could not be reached. */
    public String status() {
        return status;
    }

    /** {@code /q/health/ready}: always up (requests are stored and queued while Slack is away), with what is known. */
    @Readiness
    @ApplicationScoped
    static class Health implements HealthCheck {

        private final SlackConnection connection;

        Health(SlackConnection connection) {
            this.connection = connection;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("Slack Web API").up().withData("slack", connection.status()).build();
        }
    }
}
