package com.lightsailaccess.slack.notify;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Slack allows about one message a second per channel, "with short bursts" [api.slack.com/docs/rate-limits];
 * beyond that it answers 429. Thirty requests filed at once must not become thirty 429s in the approval channel,
 * so posts to a channel are paced here: a small burst, then one a second. A post that has to wait is not sent;
 * the caller is told how long to wait (a job waits for its turn without using up an attempt).
 */
final class ChannelPacer {

    private final int burst;
    private final Duration interval;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    ChannelPacer(int burst, Duration interval) {
        this.burst = burst;
        this.interval = interval;
    }

    /** Empty when a post to {@code channel} may go now (and counts it); else how long to wait first. */
    Optional<Duration> tryAcquire(String channel) {
        return buckets.computeIfAbsent(channel, c -> new Bucket()).take();
    }

    private final class Bucket {
        private double tokens = burst;
        private long at = System.nanoTime();

        synchronized Optional<Duration> take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (double) (now - at) / interval.toNanos());
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            long waitNanos = (long) ((1 - tokens) * interval.toNanos());
            // Several waiting posts should not all wake at the same instant and race for one slot.
            long jitter = ThreadLocalRandom.current().nextLong(interval.toNanos());
            return Optional.of(Duration.ofNanos(waitNanos + jitter));
        }
    }
}
