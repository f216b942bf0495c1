package com.lightsailaccess.config;

import com.lightsailaccess.model.GrantDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * A module's own settings, checked at start-up: each module that reads settings has one bean of this type, next to
 * its {@code @ConfigMapping}, and reports every problem it finds. {@link StartupCheck} runs them all, with the
 * database, before anything touches the database, and stops start-up with one message that lists every problem.
 *
 * <p>A module reports each problem at a place, so that the message reads in the order of README's settings
 * whichever module owns them: 10 Slack (tokens, API URL, approval channel, admins), 20 self-approval, 30 dry run,
 * 40 default access, 50 IAM names and path, 60 durations, 70 expiry reminder, 80 reconciliation and dormancy,
 * 100 dormant grace, 110 approvals required, 120 credential delivery. The database comes first, at 0.
 */
public interface SettingsCheck {

    void check(Problems problems);

    /**
     * The problems found in the settings, each at its place in the one start-up message ({@link SettingsCheck}), and
     * the converters that check and type a value written by a person in the same words everywhere. A converter throws
     * {@link IllegalArgumentException} whose message is the problem, naming the environment variable and never a
     * secret's value; the same converter types the value once the check has passed.
     */
    final class Problems {

        private record Problem(int place, String text) {
        }

        private final List<Problem> found = new ArrayList<>();
        private int place;

        /** Problems reported from now on stand at {@code place} in the message (see {@link SettingsCheck}). */
        public Problems at(int place) {
            this.place = place;
            return this;
        }

        /**
         * Runs every check in turn. Each starts without a place: what a check reports before it names one goes to
         * the end of the message, never to the place another check left behind.
         */
        public void checkAll(Collection<? extends SettingsCheck> checks) {
            for (SettingsCheck check : checks) {
                place = Integer.MAX_VALUE;
                check.check(this);
            }
        }

        public void add(String problem) {
            found.add(new Problem(place, problem));
        }

        /** The value as {@code converter} types it, or null when it is a problem (then reported). */
        public <T> T check(String raw, Converter<T> converter) {
            try {
                return converter.convert(raw);
            } catch (IllegalArgumentException e) {
                add(e.getMessage());
                return null;
            }
        }

        /** Every problem, in the message's order (by place; as reported within one place). */
        public List<String> list() {
            return found.stream().sorted(Comparator.comparingInt(Problem::place)).map(Problem::text).toList();
        }

        /** Stops with every problem reported so far, if there is one. */
        public void throwIfAny() {
            if (!found.isEmpty()) {
                throw new InvalidSettingsException(list());
            }
        }

        /**
         * A module's typed settings, read by {@code read} (which reports problems as it goes). Start-up has checked
         * them already ({@link StartupCheck}); should a bean be built without that check, it stops with the problems.
         */
        public static <T> T valid(Function<Problems, T> read) {
            Problems problems = new Problems();
            T value = read.apply(problems);
            problems.throwIfAny();
            return value;
        }

        /** Trimmed; blank or unset is {@code empty}. */
        public static Optional<String> present(Optional<String> value) {
            return value.map(String::trim).filter(v -> !v.isEmpty());
        }

        /** A value that must be set: {@code <name> is missing: <what>}. */
        public static Converter<String> required(String name, String what) {
            return raw -> {
                String v = raw == null ? "" : raw.trim();
                if (v.isEmpty()) {
                    throw new IllegalArgumentException(name + " is missing: " + what);
                }
                return v;
            };
        }

        /** {@code true} or {@code false}, in any case. */
        public static Converter<Boolean> bool(String name) {
            return raw -> {
                String v = raw.trim().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(name + " must be true or false (got '" + raw + "')");
                }
                return v.equals("true");
            };
        }

        /** A positive length written as a duration ({@code <n>s}, {@code <n>m}, {@code <n>h}, {@code <n>d}). */
        public static Converter<Duration> length(String name) {
            return raw -> GrantDuration.parse(raw).flatMap(GrantDuration::length).orElseThrow(
                    () -> new IllegalArgumentException(name + " must be <n>s, <n>m, <n>h or <n>d (got '" + raw + "')"));
        }
    }
}
