package com.lightsailaccess.audit;

import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.model.AuditEvent;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.queue.JobQueue;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code /lightsail-audit}: the newest matching events at once (on Slack's acknowledgement path, so every statement
 * is bounded), and the export of all of them queued in the same transaction. The export itself is recorded in the
 * trail: who looked at what is part of the audit too.
 */
@ApplicationScoped
class AuditExports {

    /** How many events the answer shows; the CSV has them all. */
    public static final int SHOWN = 20;
    static final String EXPORTED = "audit exported";

    private final AuditTrail audit;
    private final JobQueue jobs;
    private final Clock clock;

    public AuditExports(AuditTrail audit, JobQueue jobs, Clock clock) {
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The newest {@link #SHOWN} events that match, and an export of all of them into the admin's DM. */
    @AckPath(failure = "An audit export failed")
    public AuditSummary export(String adminId, AuditFilter filter) {
        Instant now = clock.instant();
        // A since longer ago than the epoch would be before anything the bot recorded (and PostgreSQL's range).
        Optional<Instant> since = filter.since().map(d -> d.compareTo(Duration.between(Instant.EPOCH, now))
                >= 0 ? Instant.EPOCH : now.minus(d));
        long upTo = audit.newestId();
        long total = audit.count(filter.slackUserId(), filter.iamUserName(), since, upTo);
        List<AuditEvent> latest = total == 0 ? List.of()
                : audit.newest(filter.slackUserId(), filter.iamUserName(), since, upTo, SHOWN);
        if (total > 0) {
            AuditExport export = new AuditExport(adminId, filter.slackUserId().orElse(null),
                    filter.iamUserName().orElse(null), since.map(Instant::toEpochMilli).orElse(null), upTo, total);
            audit.record(null, adminId, EXPORTED, total + (total == 1 ? " event" : " events") + describe(filter));
            jobs.enqueue(ExportAudit.TYPE, null, "audit-export:" + adminId, export);
        }
        return new AuditSummary.Found(latest, total);
    }

    /** The filter in the trail's plain words: {@code  of Slack user U1 in the last 7d}. */
    static String describe(AuditFilter filter) {
        StringBuilder out = new StringBuilder();
        filter.slackUserId().ifPresent(u -> out.append(" of Slack user ").append(u));
        filter.iamUserName().ifPresent(u -> out.append(" of IAM user ").append(u));
        filter.since().ifPresent(d -> out.append(" in the last ").append(GrantDuration.ofSeconds(d.getSeconds())
                .text()));
        return out.toString();
    }

    /**
     * Writes the CSV of every event of an export, oldest first, into {@code out} as the rows arrive from the
     * database; one transaction holds the cursor open throughout. It may last ten minutes rather than the default one:
     * it only reads, and a trail of millions of events takes a while to write.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public void writeCsv(AuditExport export, OutputStream out) throws IOException {
        try (Stream<AuditEvent> events = audit.streamOf(Optional.ofNullable(export.slackUserId()),
                Optional.ofNullable(export.iamUserName()), export.since(), export.upToId())) {
            AuditCsv.write(events, out);
        }
    }
}
