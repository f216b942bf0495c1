package com.lightsailaccess.slack.blocks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slash command's text arrives in Slack's markup [api.slack.com/reference/surfaces/formatting]: what a person
 * typed as {@code &}, {@code <} and {@code >} comes as {@code &amp;}, {@code &lt;} and {@code &gt;}, and with
 * "escape channels, users and links" on, a mention, {@code @channel}, a channel or a link comes as a control
 * sequence: {@code <@U123|name>}, {@code <!channel>}, {@code <#C123|general>}, {@code <https://x|label>}.
 * {@link #typed} turns that back into the text the person saw as they typed it, so it is stored as written and
 * can be shown back, escaped once, without pinging anyone or making a link.
 */
public final class SlackMarkup {

    /** A control sequence: everything between {@code <} and {@code >} (a typed angle bracket is an entity). */
    private static final Pattern CONTROL = Pattern.compile("<([^<>]*)>");

    private SlackMarkup() {
    }

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
