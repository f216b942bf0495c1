package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the text after {@code /lightsail-access}: {@code help}, {@code status}, {@code done}, {@code reset-password},
 * {@code rotate-key}, or {@code [type] <reason>}.
 */
final class AccessCommandText {

    public sealed interface Parsed {
    }

    public record Help() implements Parsed {
    }

    public record Status() implements Parsed {
    }

    /** The modal, its level chosen when the command named one ({@code null}: the default). */
    public record OpenModal(AccessLevel level) implements Parsed {

        public OpenModal() {
            this(null);
        }
    }

    /** {@code reset-password}: the caller's forgotten console password is replaced. */
    public record ResetPassword() implements Parsed {
    }

    /** {@code rotate-key}: the caller's access key is rotated. */
    public record RotateKey() implements Parsed {
    }

    /** {@code done}: the caller gives their access back. */
    public record GiveBack() implements Parsed {
    }

    /**
     * A request to file; {@code level} is null without a levels file (the one level). {@code levelNamed}: the person
     * typed the level's name (a holder who names another level asks for a change of level).
     */
    public record File(AccessLevel level, boolean levelNamed, AccessType type, GrantDuration duration, String reason)
            implements Parsed {

        public File(AccessType type, GrantDuration duration, String reason) {
            this(null, false, type, duration, reason);
        }
    }

    public record Invalid(String message) implements Parsed {
    }

    private AccessCommandText() {
    }

    /**
     * {@code text} as Slack sends it (its markup): {@code help}, {@code status}, {@code done},
     * {@code reset-password}, {@code rotate-key}, or {@code [type] [for <duration>] <reason>}. The reason is stored
     * as the person typed it. {@code for} followed by a number and a unit letter is always a duration
     * ({@code for the blog} is part of a reason); one not offered is refused with the choices.
     */
    public static Parsed parse(String text, RequestChoices choices) {
        return parseTyped(Mrkdwn.typed(text).strip(), choices);
    }

    /**
     * With access levels: {@code [<level>] [type] [for <duration>] <reason>}, a first word that names a level choosing
     * it, and the level's own choices applying; a type the level does not offer is refused with the ones it does.
     * Without a levels file, exactly {@link #parse(String, RequestChoices)}.
     */
    public static Parsed parse(String text, LevelChoices levels) {
        String t = Mrkdwn.typed(text).strip();
        if (!levels.named()) {
            return parseTyped(t, levels.of(levels.levels().byDefault()));
        }
        String[] parts = t.split("\\s+", 2);
        Optional<AccessLevel> named = levels.levels().find(parts[0]);
        AccessLevel level = named.orElse(levels.levels().byDefault());
        String rest = named.isPresent() ? (parts.length > 1 ? parts[1].strip() : "") : t;
        if (named.isPresent() && rest.isEmpty()) {
            return new OpenModal(level);
        }
        Parsed parsed = parseTyped(rest, levels.of(level));
        if (parsed instanceof File f) {
            if (!level.accessTypes().contains(f.type())) {
                return new Invalid(":x: " + Mrkdwn.escape(level.label()) + " (`" + level.name() + "`) offers "
                        + String.join(" or ", level.accessTypes().stream().sorted().map(AccessType::word)
                                .map(w -> "`" + w + "`").toList())
                        + " access, not `" + f.type().word() + "`. Nothing was filed.");
            }
            return new File(level, named.isPresent(), f.type(), f.duration(), f.reason());
        }
        return parsed;
    }

    private static Parsed parseTyped(String t, RequestChoices choices) {
        if (t.isEmpty()) {
            return new OpenModal();
        }
        String[] parts = t.split("\\s+", 2);
        String first = parts[0].toLowerCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        if (rest.isEmpty() && first.equals("help")) {
            return new Help();
        }
        if (rest.isEmpty() && first.equals("status")) {
            return new Status();
        }
        if (rest.isEmpty() && first.equals("done")) {
            return new GiveBack();
        }
        if (rest.isEmpty() && first.equals("reset-password")) {
            return new ResetPassword();
        }
        if (rest.isEmpty() && first.equals("rotate-key")) {
            return new RotateKey();
        }
        Optional<AccessType> type = AccessType.parse(first);
        if (type.isPresent()) {
            return duration(type.get(), rest, choices);
        }
        if (looksLikeAccessType(first)) {
            return new Invalid(":x: Unknown access type `" + escapeCode(parts[0]) + "`. Use `console`, "
                    + "`programmatic` or `both`, followed by a reason, e.g. "
                    + "`/lightsail-access console deploying the blog`.");
        }
        if (rest.isEmpty() && parts[0].length() < 3) {
            return new Invalid(":x: A reason is required, e.g. `/lightsail-access console deploying the blog`. "
                    + "`/lightsail-access help` shows every option.");
        }
        return duration(choices.defaultAccess(), t, choices);
    }

    private static Parsed duration(AccessType type, String text, RequestChoices choices) {
        String[] words = text.split("\\s+", 3);
        if (words.length >= 2 && words[0].equalsIgnoreCase("for") && GrantDuration.looksLikeOne(words[1])) {
            Optional<GrantDuration> chosen = choices.choice(words[1]);
            if (chosen.isEmpty()) {
                return new Invalid(":x: `" + escapeCode(words[1]) + "` is not a duration you can ask for. Choose one "
                        + "of: " + choices.choicesText() + ", e.g. `/lightsail-access " + type.word() + " for "
                        + choices.defaultDuration().text() + " deploying the blog`. Nothing was filed.");
            }
            return reason(type, chosen.get(), words.length > 2 ? words[2].strip() : "");
        }
        return reason(type, choices.defaultDuration(), text);
    }

    private static Parsed reason(AccessType type, GrantDuration duration, String reason) {
        if (reason.isBlank()) {
            return new Invalid(":x: A reason is required: `/lightsail-access " + type.word()
                    + " <why you need Lightsail>`. Nothing was filed.");
        }
        if (reason.length() > RequestMessages.MAX_REASON_LENGTH) {
            return new Invalid(":x: The reason is too long (" + reason.length() + " characters; at most "
                    + RequestMessages.MAX_REASON_LENGTH + "). Nothing was filed.");
        }
        return new File(type, duration, reason);
    }

    /**
     * A first word that is almost an access type ({@code consle}, {@code type=admin}, {@code --programmatic}) is a
     * mistake, not the start of a reason: filing it would grant the default access type by surprise.
     */
    static boolean looksLikeAccessType(String word) {
        if (word.startsWith("type=") || word.startsWith("type:") || word.startsWith("--") || word.startsWith("[")) {
            return true;
        }
        for (AccessType type : AccessType.values()) {
            if (distance(word, type.word()) <= 2 && word.length() >= 3) {
                return true;
            }
        }
        return false;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    private static String escapeCode(String word) {
        String cleaned = word.replace("`", "'");
        return Mrkdwn.escape(cleaned.length() > 40 ? cleaned.substring(0, 40) + "…"
                : cleaned);
    }
}
