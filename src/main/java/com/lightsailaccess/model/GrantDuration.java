package com.lightsailaccess.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a grant lasts: {@code <n>s}, {@code <n>m}, {@code <n>h} or {@code <n>d}, or {@code permanent}. The
 * text is what people type and read; {@link #length()} is empty for permanent.
 */
public record GrantDuration(String text, Optional<Duration> length) {

    public static final GrantDuration PERMANENT = new GrantDuration("permanent", Optional.empty());
    /** A number and a unit letter: what {@code for …} always means in a command. */
    static final Pattern SHAPE = Pattern.compile("(\\d{1,9})([smhd])");

    public static Optional<GrantDuration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("permanent")) {
            return Optional.of(PERMANENT);
        }
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        if (n <= 0) {
            return Optional.empty();
        }
        Duration length = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return Optional.of(new GrantDuration(n + m.group(2), Optional.of(length)));
    }

    /** Whether a word has a duration's shape ({@code 7d}, offered or not, and {@code permanent}). */
    public static boolean looksLikeOne(String word) {
        return word != null && (word.equalsIgnoreCase("permanent")
                || Pattern.compile("\\d+[a-z]").matcher(word.toLowerCase(Locale.ROOT)).matches());
    }

    public boolean permanent() {
        return length.isEmpty();
    }

    /** The seconds stored with a grant; null for permanent. */
    public Long seconds() {
        return length.map(Duration::getSeconds).orElse(null);
    }

    public static GrantDuration ofSeconds(Long seconds) {
        if (seconds == null) {
            return PERMANENT;
        }
        long s = seconds;
        String text = s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h"
                : s % 60 == 0 ? s / 60 + "m" : s + "s";
        return new GrantDuration(text, Optional.of(Duration.ofSeconds(s)));
    }
}
