package com.lightsailaccess.revoke;

import com.lightsailaccess.iam.IamUsers;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /lightsail-revoke <@U…>|<@U…|name>|<mailto:a@b.c|a@b.c>|<iam-user-name> [delete]}. Slack escapes
 * mentions and links (the command is created with {@code should_escape}), so they arrive in angle brackets.
 */
final class RevokeCommandText {

    public sealed interface Parsed {
    }

    public record SlackUser(String userId, boolean delete) implements Parsed {
    }

    public record IamUser(String userName, boolean delete) implements Parsed {
    }

    public record Invalid(String message) implements Parsed {
    }

    private static final Pattern MENTION_AT_START = Pattern.compile("<@([UW][A-Z0-9]{1,20})(\\|[^<>]*)?>");
    private static final Pattern MAILTO_AT_START = Pattern.compile("<mailto:([^|<>]+)(\\|[^<>]*)?>");
    private static final String USAGE = "Usage: `/lightsail-revoke <@person|iam-user-name> [delete]`.";

    private RevokeCommandText() {
    }

    public static Parsed parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new Invalid(":x: Whose access? " + USAGE);
        }
        // A mention's or a link's label may hold spaces (<@U1|Ada Lovelace>), so the target is matched first and
        // only what follows it is split into words.
        String target;
        Matcher mention = MENTION_AT_START.matcher(t);
        Matcher mailto = MAILTO_AT_START.matcher(t);
        if (mention.lookingAt()) {
            target = mention.group();
        } else if (mailto.lookingAt()) {
            target = mailto.group();
        } else {
            target = t.split("\\s+", 2)[0];
        }
        String rest = t.substring(target.length()).strip();
        if (!rest.isEmpty() && !rest.toLowerCase(Locale.ROOT).equals("delete")) {
            return new Invalid(":x: Name one person or IAM user, optionally followed by `delete`. " + USAGE
                    + " Nothing changed.");
        }
        boolean delete = !rest.isEmpty();
        if (mention.lookingAt()) {
            return new SlackUser(mention.group(1), delete);
        }
        String name = mailto.lookingAt() ? mailto.group(1) : target;
        if (!IamUsers.isValidUserName(name)) {
            return new Invalid(":x: `" + Mrkdwn.escape(shorten(name)) + "` is neither a Slack mention nor a valid IAM "
                    + "user name (1–64 letters, digits and +=,.@_-). " + USAGE + " Nothing changed.");
        }
        return new IamUser(name, delete);
    }

    private static String shorten(String s) {
        String clean = s.replace("`", "'");
        return clean.length() > 70 ? clean.substring(0, 70) + "…" : clean;
    }
}
