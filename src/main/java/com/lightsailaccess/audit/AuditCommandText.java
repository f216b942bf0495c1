package com.lightsailaccess.audit;

import com.lightsailaccess.iam.IamUsers;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /lightsail-audit [<@U…>|<iam-user-name>] [since <duration>]}. Mentions arrive escaped
 * ({@code <@U123|name>}, the command is created with {@code should_escape}); an e-mail may arrive as a
 * {@code <mailto:…|…>} link, as with {@code /lightsail-revoke}. Durations are written as grants' are
 * ({@code 30m}, {@code 24h}, {@code 7d}).
 */
final class AuditCommandText {

    public sealed interface Parsed {
    }

    /** A valid query; {@code described} says it in mrkdwn for the answer (empty: everything). */
    public record Query(AuditFilter filter, String described) implements Parsed {
    }

    public record Invalid(String message) implements Parsed {
    }

    private static final Pattern MENTION_AT_START = Pattern.compile("<@([UW][A-Z0-9]{1,20})(\\|[^<>]*)?>");
    private static final Pattern MAILTO_AT_START = Pattern.compile("<mailto:([^|<>]+)(\\|[^<>]*)?>");
    private static final Pattern SINCE = Pattern.compile("since\\s+(\\S+)", Pattern.CASE_INSENSITIVE);

    private AuditCommandText() {
    }

    public static Parsed parse(String text) {
        String t = text == null ? "" : text.strip();
        Optional<String> slackUser = Optional.empty();
        Optional<String> iamUser = Optional.empty();
        Matcher mention = MENTION_AT_START.matcher(t);
        Matcher mailto = MAILTO_AT_START.matcher(t);
        if (mention.lookingAt()) {
            slackUser = Optional.of(mention.group(1));
            t = t.substring(mention.end()).strip();
        } else if (mailto.lookingAt()) {
            iamUser = Optional.of(mailto.group(1));
            t = t.substring(mailto.end()).strip();
        } else if (!t.isEmpty() && !t.toLowerCase(Locale.ROOT).startsWith("since ")
                && !t.equalsIgnoreCase("since")) {
            String word = t.split("\\s+", 2)[0];
            iamUser = Optional.of(word);
            t = t.substring(word.length()).strip();
        }
        if (iamUser.isPresent() && !IamUsers.isValidUserName(iamUser.get())) {
            return new Invalid(":x: `" + Mrkdwn.escape(shorten(iamUser.get())) + "` is neither a Slack mention nor "
                    + "a valid IAM user name (1–64 letters, digits and +=,.@_-). " + AuditMessages.USAGE
                    + " Nothing was exported.");
        }
        Optional<GrantDuration> since = Optional.empty();
        if (!t.isEmpty()) {
            Matcher m = SINCE.matcher(t);
            if (!m.matches()) {
                return new Invalid(":x: Name at most one person or IAM user, then optionally `since <duration>`. "
                        + AuditMessages.USAGE + " Nothing was exported.");
            }
            Optional<GrantDuration> d = GrantDuration.parse(m.group(1));
            if (d.isEmpty() || d.get().permanent()) {
                return new Invalid(":x: `" + Mrkdwn.escape(shorten(m.group(1))) + "` is not a duration: write a "
                        + "number and `m`, `h` or `d`, like `30m`, `24h` or `7d`. Nothing was exported.");
            }
            since = d;
        }
        AuditFilter filter = new AuditFilter(slackUser, iamUser, since.flatMap(GrantDuration::length));
        return new Query(filter, AuditMessages.describe(slackUser.orElse(null), iamUser.orElse(null),
                since.map(d -> "in the last " + d.text()).orElse(null)));
    }

    private static String shorten(String s) {
        String clean = s.replace("`", "'");
        return clean.length() > 70 ? clean.substring(0, 70) + "…" : clean;
    }
}
