package com.lightsailaccess.audit;

import com.lightsailaccess.model.AuditEvent;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.time.Instant;
import java.util.regex.Pattern;

/** What {@code /lightsail-audit} says: the answer with the newest events, and the words around the CSV. */
public final class AuditMessages {

    public static final String USAGE = "Usage: `/lightsail-audit [@person|iam-user-name] [since <duration>]`, "
            + "e.g. `/lightsail-audit @alice since 7d` (durations: `30m`, `24h`, `7d`).";
    /** A detail is cut here in the answer (the CSV has it whole): twenty lines stay readable. */
    static final int DETAIL_SHOWN = 100;
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private AuditMessages() {
    }

    public static String notAnAdmin() {
        return ":no_entry: Only Lightsail Access admins can read the audit trail. Nothing was exported.";
    }

    /**
     * The answer to an admin. {@code filter} describes what they asked for, already mrkdwn (a mention, an escaped
     * IAM user name, a duration).
     */
    public static String summary(String filter, AuditSummary.Found found) {
        String what = filter.isEmpty() ? "" : " for " + filter;
        if (found.total() == 0) {
            return ":mag: No audit events" + what + ". Nothing was exported.";
        }
        StringBuilder out = new StringBuilder(":mag: *Audit trail*").append(what).append(": ")
                .append(found.total()).append(found.total() == 1 ? " event" : " events");
        if (found.total() > found.latest().size()) {
            out.append(", the latest ").append(found.latest().size()).append(" below");
        }
        out.append(". A CSV of ").append(found.total() == 1 ? "it" : "all " + found.total())
                .append(" is on its way to your direct messages with me.");
        for (AuditEvent e : found.latest()) {
            out.append('\n').append(line(e));
        }
        return out.toString();
    }

    public static String line(AuditEvent e) {
        StringBuilder line = new StringBuilder("• ").append(Mrkdwn.date(e.at()));
        if (e.requestId() != null) {
            line.append(" · #").append(e.requestId());
        }
        line.append(" · ").append(actor(e.actor())).append(" · *").append(Mrkdwn.escape(oneLine(e.action())))
                .append('*');
        if (e.detail() != null && !e.detail().isBlank()) {
            line.append(" · ").append(Mrkdwn.escape(shorten(oneLine(e.detail()))));
        }
        return line.toString();
    }

    /** A Slack user id in the trail is shown as a mention; anything else (the bot, a job) as text. */
    static String actor(String actor) {
        return actor != null && SLACK_USER.matcher(actor).matches() ? Mrkdwn.user(actor) : Mrkdwn.escape(actor);
    }

    /** The words that come with the CSV in the admin's DM. */
    public static String uploadComment(AuditExport export) {
        String filter = describe(export);
        return ":page_facing_up: The audit trail" + (filter.isEmpty() ? "" : " for " + filter) + ": "
                + export.total() + (export.total() == 1 ? " event" : " events") + ", oldest first.";
    }

    public static String uploadTitle(AuditExport export) {
        return "Lightsail Access audit trail, " + export.total() + " events";
    }

    public static String unavailable() {
        return ":warning: The audit trail cannot be read right now, so nothing was exported. Please try again in a "
                + "minute.";
    }

    public static String exportFailed(String reason) {
        return ":warning: Your audit export could not be uploaded (" + Mrkdwn.escape(reason) + "). Nothing was "
                + "shared; try `/lightsail-audit` again later.";
    }

    /** A filter in words: {@code <@U1> in the last 7d}; {@code since} is already words, or null. */
    public static String describe(String slackUserId, String iamUserName, String since) {
        StringBuilder out = new StringBuilder();
        if (slackUserId != null) {
            out.append(Mrkdwn.user(slackUserId));
        }
        if (iamUserName != null) {
            out.append("IAM user `").append(Mrkdwn.escape(iamUserName)).append('`');
        }
        if (since != null) {
            out.append(out.length() == 0 ? "" : " ").append(since);
        }
        return out.toString();
    }

    static String describe(AuditExport export) {
        Long since = export.sinceEpochMilli();
        return describe(export.slackUserId(), export.iamUserName(),
                since == null ? null : "since " + Mrkdwn.date(Instant.ofEpochMilli(since)));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ⏎ ");
    }

    private static String shorten(String text) {
        if (text.codePointCount(0, text.length()) <= DETAIL_SHOWN) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, DETAIL_SHOWN)) + "…";
    }
}
