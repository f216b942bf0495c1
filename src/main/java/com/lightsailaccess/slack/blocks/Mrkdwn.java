package com.lightsailaccess.slack.blocks;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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
    /** A mention of {@code userId}, or {@code otherwise} when nobody is named. */
    public static String userOr(String userId, String otherwise) {
        return userId == null ? otherwise : user(userId);
    }

    public static String date(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|"
                + DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.SECONDS))
                + ">";
    }

    /** Quotes a person's text as a block quote, escaped, each line prefixed. */
    public static String quote(String text) {
        return "&gt; " + escape(text).replace("\n", "\n&gt; ");
    }

    /**
     * {@link #quote} cut into pieces of at most {@code max} characters as sent: Block Kit measures a text after
     * escaping (a 1,000-character reason of {@code &} is 5,000 characters on the wire), and a section holds 3,000.
     * Pieces break at a line end where they can, never inside an entity or a character, and each one is a quote
     * of its own.
     */
    public static List<String> quotePieces(String text, int max) {
        String prefix = "&gt; ";
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder(prefix);
        String[] lines = (text == null ? "" : text).split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            String line = escape(lines[l]);
            if (l > 0) {
                if (piece.length() + 1 + prefix.length() + Math.min(line.length(), 1) > max) {
                    pieces.add(piece.toString());
                    piece = new StringBuilder(prefix);
                } else {
                    piece.append('\n').append(prefix);
                }
            }
            int i = 0;
            while (i < line.length()) {
                int end = unitEnd(line, i);
                if (piece.length() + (end - i) > max) {
                    pieces.add(piece.toString());
                    piece = new StringBuilder(prefix);
                }
                piece.append(line, i, end);
                i = end;
            }
        }
        pieces.add(piece.toString());
        return pieces;
    }

    /** The end of the unit starting at {@code i}: a whole entity ({@code &amp;}) or a whole code point. */
    private static int unitEnd(String escaped, int i) {
        if (escaped.charAt(i) == '&') {
            int semicolon = escaped.indexOf(';', i);
            if (semicolon > i && semicolon - i <= 5) {
                return semicolon + 1;
            }
        }
        return i + Character.charCount(escaped.codePointAt(i));
    }
}
