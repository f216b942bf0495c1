package com.lightsailaccess.slack.blocks;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's mrkdwn treats {@code <…>} as mentions, links and {@code <!channel>}. Anything a person wrote is escaped
 * before it reaches a message: exactly {@code &}, {@code <} and {@code >}, as Slack documents. The other way,
 * {@link #typed} reads a slash command's text, which arrives in that markup, back as the person typed it.
 */
public final class Mrkdwn {

    /** A control sequence: everything between {@code <} and {@code >} (a typed angle bracket is an entity). */
    private static final Pattern CONTROL = Pattern.compile("<([^<>]*)>");

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

    /** A mention of {@code userId}, or {@code otherwise} when nobody is named. */
    public static String userOr(String userId, String otherwise) {
        return userId == null ? otherwise : user(userId);
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

    /**
     * A slash command's text arrives in Slack's markup [api.slack.com/reference/surfaces/formatting]: what a person
     * typed as {@code &}, {@code <} and {@code >} comes as {@code &amp;}, {@code &lt;} and {@code &gt;}, and with
     * "escape channels, users and links" on, a mention, {@code @channel}, a channel or a link comes as a control
     * sequence: {@code <@U123|name>}, {@code <!channel>}, {@code <#C123|general>}, {@code <https://x|label>}.
     * This turns that back into the text the person saw as they typed it, so it is stored as written and can be
     * shown back, escaped once, without pinging anyone or making a link.
     */
    public static String typed(String markup) {
        if (markup == null) {
            return "";
        }
        Matcher m = CONTROL.matcher(markup);
        StringBuilder out = new StringBuilder(markup.length());
        int last = 0;
        while (m.find()) {
            out.append(entities(markup.substring(last, m.start())));
            out.append(control(m.group(1)));
            last = m.end();
        }
        out.append(entities(markup.substring(last)));
        return out.toString();
    }

    /** What a control sequence looked like to the person who typed it. */
    private static String control(String inner) {
        int bar = inner.indexOf('|');
        String target = entities(bar < 0 ? inner : inner.substring(0, bar));
        String label = bar < 0 ? null : entities(inner.substring(bar + 1));
        if (target.startsWith("@")) {
            // <@U123|name> or <@U123>
            return label != null && !label.isEmpty() ? "@" + label : target;
        }
        if (target.startsWith("#")) {
            return label != null && !label.isEmpty() ? "#" + label : target;
        }
        if (target.startsWith("!")) {
            // <!channel>, <!here>, <!everyone>, <!subteam^S123|@team>, <!date^…|fallback>
            if (label != null && !label.isEmpty()) {
                return label.startsWith("@") || target.startsWith("!date") ? label : "@" + label;
            }
            String word = target.substring(1);
            int caret = word.indexOf('^');
            return "@" + (caret < 0 ? word : word.substring(caret + 1));
        }
        if (target.startsWith("mailto:")) {
            return label != null && !label.isEmpty() ? label : target.substring("mailto:".length());
        }
        // A link: the URL alone, or Slack's own label for a URL someone typed, or a label someone chose.
        if (label == null || label.isEmpty() || target.endsWith(label) || label.equals(target)) {
            return label == null || label.isEmpty() ? target : label;
        }
        return label + " (" + target + ")";
    }

    private static String entities(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
