package com.lightsailaccess.pictures;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's mrkdwn, as the bot sends it, drawn as HTML. The text arrives escaped the way Slack wants it ({@code &amp;},
 * {@code &lt;}, {@code &gt;}) with {@code <…>} for links, mentions and dates; everything that reaches the page is
 * decoded from Slack's escaping and then escaped for HTML, so no text of the bot's can become markup.
 */
final class MrkdwnHtml {

    /** The shortcodes the bot uses, and a few common ones; any other stays as its {@code :name:} text. */
    static final Map<String, String> EMOJI = Map.ofEntries(
            Map.entry("x", "\u274C"), Map.entry("warning", "\u26A0\uFE0F"), Map.entry("no_entry", "\u26D4"),
            Map.entry("information_source", "\u2139\uFE0F"), Map.entry("lock", "\uD83D\uDD12"),
            Map.entry("white_check_mark", "\u2705"), Map.entry("mag", "\uD83D\uDD0D"), Map.entry("hourglass", "\u231B"),
            Map.entry("heavy_multiplication_x", "\u2716\uFE0F"), Map.entry("wave", "\uD83D\uDC4B"),
            Map.entry("hourglass_flowing_sand", "\u23F3"), Map.entry("ballot_box_with_check", "\u2611\uFE0F"),
            Map.entry("zzz", "\uD83D\uDCA4"), Map.entry("test_tube", "\uD83E\uDDEA"),
            Map.entry("page_facing_up", "\uD83D\uDCC4"), Map.entry("inbox_tray", "\uD83D\uDCE5"),
            Map.entry("gear", "\u2699\uFE0F"), Map.entry("calendar", "\uD83D\uDCC6"), Map.entry("key", "\uD83D\uDD11"),
            Map.entry("closed_lock_with_key", "\uD83D\uDD10"), Map.entry("eyes", "\uD83D\uDC40"),
            Map.entry("tada", "\uD83C\uDF89"), Map.entry("bust_in_silhouette", "\uD83D\uDC64"),
            Map.entry("busts_in_silhouette", "\uD83D\uDC65"), Map.entry("clipboard", "\uD83D\uDCCB"),
            Map.entry("hammer_and_wrench", "\uD83D\uDEE0\uFE0F"), Map.entry("rocket", "\uD83D\uDE80"),
            Map.entry("stopwatch", "\u23F1\uFE0F"), Map.entry("arrows_counterclockwise", "\uD83D\uDD04"),
            Map.entry("bell", "\uD83D\uDD14"), Map.entry("memo", "\uD83D\uDCDD"), Map.entry("+1", "\uD83D\uDC4D"));

    private static final Pattern SHORTCODE = Pattern.compile(":([a-z0-9_+-]+):");
    private static final Pattern DATE = Pattern.compile("!date\\^(\\d+)\\^([^^|]*)(?:\\^[^|]*)?\\|(.*)",
            Pattern.DOTALL);
    private static final Pattern DATE_TOKEN = Pattern.compile("\\{(\\w+)}");

    private final Map<String, String> people;

    /** {@code people}: display names by Slack user id, for mentions ({@code <@U…>}); others show their id. */
    MrkdwnHtml(Map<String, String> people) {
        this.people = people;
    }

    /** A mrkdwn text object's text; {@code verbatim} leaves bare URLs as text, as Slack does. */
    String mrkdwn(String text, boolean verbatim) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("```", at);
            int close = open < 0 ? -1 : text.indexOf("```", open + 3);
            if (close < 0) {
                lines(text.substring(at), verbatim, out);
                break;
            }
            lines(text.substring(at, open), verbatim, out);
            String pre = text.substring(open + 3, close);
            out.append("<pre>").append(SlackPage.html(decode(pre.startsWith("\n") ? pre.substring(1) : pre)))
                    .append("</pre>");
            at = close + 3;
        }
        return out.toString();
    }

    /** A plain_text text object: no formatting, but {@code :emoji:} when {@code emoji} is on (Slack's default). */
    String plain(String text, boolean emoji) {
        if (!emoji) {
            return SlackPage.html(text);
        }
        StringBuilder out = new StringBuilder();
        Matcher m = SHORTCODE.matcher(text);
        int at = 0;
        while (m.find()) {
            out.append(SlackPage.html(text.substring(at, m.start())));
            out.append(emoji(m.group(1)));
            at = m.end();
        }
        return out.append(SlackPage.html(text.substring(at))).toString();
    }

    /** Lines, with runs of {@code >} lines drawn as one block quote. */
    private void lines(String text, boolean verbatim, StringBuilder out) {
        if (text.isEmpty()) {
            return;
        }
        String[] lines = text.split("\n", -1);
        List<String> quote = new ArrayList<>();
        boolean needBreak = false;
        for (String line : lines) {
            String quoted = line.startsWith("&gt;") ? line.substring(4) : line.startsWith(">") ? line.substring(1)
                    : null;
            if (quoted != null) {
                quote.add(quoted.startsWith(" ") ? quoted.substring(1) : quoted);
                continue;
            }
            if (!quote.isEmpty()) {
                blockquote(quote, verbatim, out);
                needBreak = false;
            }
            if (needBreak) {
                out.append("<br>");
            }
            out.append(inline(line, verbatim));
            needBreak = true;
        }
        if (!quote.isEmpty()) {
            blockquote(quote, verbatim, out);
        }
    }

    private void blockquote(List<String> lines, boolean verbatim, StringBuilder out) {
        out.append("<blockquote>");
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : "<br>").append(inline(lines.get(i), verbatim));
        }
        out.append("</blockquote>");
        lines.clear();
    }

    /** One line: {@code <…>} tokens, entities, `code`, *bold*, _italic_, ~strike~, :emoji: and bare links. */
    String inline(String line, boolean verbatim) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int end;
            if (c == '<' && (end = line.indexOf('>', i)) > i) {
                out.append(token(line.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '`' && (end = line.indexOf('`', i + 1)) > i + 1) {
                out.append("<code>").append(SlackPage.html(decode(line.substring(i + 1, end)))).append("</code>");
                i = end + 1;
            } else if ((c == '*' || c == '_' || c == '~') && (end = closing(line, i)) > 0) {
                String tag = c == '*' ? "b" : c == '_' ? "i" : "s";
                out.append('<').append(tag).append('>').append(inline(line.substring(i + 1, end), verbatim))
                        .append("</").append(tag).append('>');
                i = end + 1;
            } else if (c == ':' && (end = shortcodeEnd(line, i)) > 0) {
                out.append(emoji(line.substring(i + 1, end - 1)));
                i = end;
            } else if (!verbatim && (end = bareUrlEnd(line, i)) > 0) {
                String url = decode(line.substring(i, end));
                out.append("<a href=\"").append(SlackPage.html(url)).append("\">").append(SlackPage.html(url))
                        .append("</a>");
                i = end;
            } else if (c == '&' && entityEnd(line, i) > 0) {
                end = entityEnd(line, i);
                out.append(SlackPage.html(decode(line.substring(i, end))));
                i = end;
            } else {
                out.append(SlackPage.html(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Where a {@code *}, {@code _} or {@code ~} that opens at {@code i} closes, or -1. As in Slack, the marks sit on
     * word boundaries: {@code snake_case_names} stay as they are.
     */
    private static int closing(String line, int i) {
        char mark = line.charAt(i);
        if (i > 0 && Character.isLetterOrDigit(line.charAt(i - 1))) {
            return -1;
        }
        if (i + 1 >= line.length() || Character.isWhitespace(line.charAt(i + 1))) {
            return -1;
        }
        for (int j = line.indexOf(mark, i + 2); j > 0; j = line.indexOf(mark, j + 1)) {
            boolean afterWord = !Character.isWhitespace(line.charAt(j - 1));
            boolean atBoundary = j + 1 == line.length() || !Character.isLetterOrDigit(line.charAt(j + 1));
            if (afterWord && atBoundary) {
                return j;
            }
        }
        return -1;
    }

    private static int shortcodeEnd(String line, int i) {
        Matcher m = SHORTCODE.matcher(line).region(i, line.length());
        return m.lookingAt() && EMOJI.containsKey(m.group(1)) ? m.end() : -1;
    }

    private static int bareUrlEnd(String line, int i) {
        if (!(line.startsWith("https://", i) || line.startsWith("http://", i))
                || i > 0 && Character.isLetterOrDigit(line.charAt(i - 1))) {
            return -1;
        }
        int end = i;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end)) && line.charAt(end) != '<'
                && !line.startsWith("&gt;", end) && !line.startsWith("&lt;", end)) {
            end++;
        }
        while (end > i && ".,;:!?)".indexOf(line.charAt(end - 1)) >= 0) {
            end--;
        }
        return end;
    }

    private static int entityEnd(String line, int i) {
        for (String entity : List.of("&amp;", "&lt;", "&gt;")) {
            if (line.startsWith(entity, i)) {
                return i + entity.length();
            }
        }
        return -1;
    }

    /** Slack's three entities back to characters (anything else stays as written). */
    static String decode(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String emoji(String name) {
        String glyph = EMOJI.get(name);
        return glyph == null ? SlackPage.html(":" + name + ":") : "<span class=\"emoji\">" + glyph + "</span>";
    }

    /** {@code <@U…>}, {@code <#C…|name>}, {@code <!here>}, {@code <!date^…|…>}, {@code <url|label>}. */
    private String token(String token) {
        int bar = token.indexOf('|');
        String head = bar < 0 ? token : token.substring(0, bar);
        String label = bar < 0 ? null : token.substring(bar + 1);
        if (head.startsWith("@")) {
            String name = people.getOrDefault(head.substring(1), label != null ? label : head.substring(1));
            return "<span class=\"mention\">@" + SlackPage.html(decode(name)) + "</span>";
        }
        if (head.startsWith("#")) {
            return "<span class=\"mention\">#" + SlackPage.html(decode(label != null ? label : head.substring(1)))
                    + "</span>";
        }
        if (head.startsWith("!date^")) {
            return SlackPage.html(date(token));
        }
        if (head.startsWith("!subteam^")) {
            return "<span class=\"mention\">" + SlackPage.html(decode(label != null ? label : "@group")) + "</span>";
        }
        if (head.startsWith("!")) {
            return "<span class=\"mention\">@" + SlackPage.html(head.substring(1)) + "</span>";
        }
        String href = decode(head);
        return "<a href=\"" + SlackPage.html(href) + "\">" + SlackPage.html(decode(label != null ? label : head))
                + "</a>";
    }

    /**
     * Slack writes a date in the reader's time zone and locale; the pictures are read in UTC and English. Tokens this
     * does not know fall back to the text the bot gave, as Slack's clients do.
     */
    static String date(String token) {
        Matcher m = DATE.matcher(token);
        if (!m.matches()) {
            return decode(token);
        }
        ZonedDateTime at = Instant.ofEpochSecond(Long.parseLong(m.group(1))).atZone(ZoneOffset.UTC);
        Matcher tokens = DATE_TOKEN.matcher(m.group(2));
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (tokens.find()) {
            String pattern = switch (tokens.group(1)) {
                case "date_num" -> "yyyy-MM-dd";
                case "date", "date_pretty" -> "MMMM d'" + ordinal(at.getDayOfMonth()) + "', yyyy";
                case "date_short", "date_short_pretty" -> "MMM d, yyyy";
                case "date_long", "date_long_pretty" -> "EEEE, MMMM d'" + ordinal(at.getDayOfMonth()) + "', yyyy";
                case "time" -> "h:mm a";
                case "time_secs" -> "h:mm:ss a";
                default -> null;
            };
            if (pattern == null) {
                return decode(m.group(3));
            }
            out.append(decode(m.group(2).substring(last, tokens.start())))
                    .append(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(at));
            last = tokens.end();
        }
        return out.append(decode(m.group(2).substring(last))).toString();
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
