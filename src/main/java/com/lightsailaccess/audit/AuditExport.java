package com.lightsailaccess.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * An export of the audit trail that an admin asked for, as it was when they asked: the events up to
 * {@code upToId} that match, and the admin whose DM gets the CSV. {@code since} is an absolute time (epoch
 * milliseconds), so a retried export holds exactly the same events. Holds no secret (the trail never does).
 */
record AuditExport(String adminId, String slackUserId, String iamUserName, Long sinceEpochMilli,
        long upToId, long total) {

    Optional<Instant> since() {
        return Optional.ofNullable(sinceEpochMilli).map(Instant::ofEpochMilli);
    }

    /** A file name that says what it holds: {@code lightsail-audit-<who>-<date>.csv}. */
    public String fileName(Instant at) {
        String who = slackUserId != null ? slackUserId : iamUserName != null ? iamUserName : "all";
        return "lightsail-audit-" + who.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + at.toString().substring(0, 10) + ".csv";
    }
}
