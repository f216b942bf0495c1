package com.lightsailaccess.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings of "access with a lifetime" (README, Settings): the durations people may ask for and the default,
 * when the holder is reminded, how often reconciliation runs, when unused credentials count as dormant and how
 * long the holder has to answer, and how many distinct admins must approve.
 */
public record Lifetimes(List<GrantDuration> durations, GrantDuration defaultDuration, Duration expiryReminder,
        Duration reconcileEvery, Optional<Duration> dormantAfter, Duration dormantGrace, int approvalsRequired) {

    public static final Lifetimes DEFAULT = new Lifetimes(
            List.of(GrantDuration.parse("1d").orElseThrow(), GrantDuration.parse("7d").orElseThrow(),
                    GrantDuration.parse("30d").orElseThrow(), GrantDuration.parse("90d").orElseThrow(),
                    GrantDuration.PERMANENT),
            GrantDuration.parse("30d").orElseThrow(), Duration.ofHours(24), Duration.ofMinutes(15),
            Optional.of(Duration.ofDays(90)), Duration.ofDays(7), 1);

    /** The offered choice that {@code text} names, if any. */
    public Optional<GrantDuration> choice(String text) {
        return GrantDuration.parse(text).flatMap(d -> durations.stream()
                .filter(c -> c.text().equals(d.text()) || c.length().equals(d.length())).findFirst());
    }

    /** The choices as people read them: {@code 1d, 7d, 30d, 90d, permanent}. */
    public String choicesText() {
        return String.join(", ", durations.stream().map(GrantDuration::text).toList());
    }
}
