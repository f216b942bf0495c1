package com.lightsailaccess.slack.blocks;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Slack's mrkdwn treats {@code <…>} as mentions, links and {@code <!channel>}. Anything a person wrote is escaped
 * before it reaches a message: exactly {@code &}, {@code <} and {@code >}, as Slack documents.
 */
public final class Mrkdwn {

    private Mrkdwn() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A mention of a Slack user id the bot has verified (never a string a person typed). */
    public static String user(String userId) {
        return "<@" + userId + ">";
    }

    /** Slack renders this in the reader's own time zone; the fallback is UTC. */
    public static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|"
                + DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS))
                + ">";
    }

    /** Quotes a person's text as a block quote, escaped, each line prefixed. */
    public static String quote(String text) {
        return "&gt; " + escape(text).replace("\n", "\n&gt; ");
    }
}
