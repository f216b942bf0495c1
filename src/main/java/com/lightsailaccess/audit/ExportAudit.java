package com.lightsailaccess.audit;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;
import org.jboss.logging.Logger;

/**
 * Uploads an admin's audit export as a CSV into their DM with the bot, after the acknowledgement (an upload takes
 * three Web API round trips, far more than Slack's 3 s allow). The export names its events by id and an absolute
 * time, so a retry uploads the same rows. A retry after Slack shared the file but before the job was marked done
 * would share it twice; nothing is lost.
 *
 * <p>The trail can be longer than the heap: the events are read with a cursor and written to a temporary file row by
 * row, and the upload reads the file as it sends it. A file, not straight into the upload, because Slack wants the
 * length first, and because the database transaction then ends before the upload starts.
 */
@ApplicationScoped
class ExportAudit implements JobHandler<AuditExport> {

    static final JobType<AuditExport> TYPE = JobType.of("EXPORT_AUDIT", AuditExport.class);

    private static final Logger LOG = Logger.getLogger(ExportAudit.class);

    private final AuditExports exports;
    private final SlackNotifier notifier;
    private final Notices notices;
    private final Clock clock;

    public ExportAudit(AuditExports exports, SlackNotifier notifier, Notices notices, Clock clock) {
        this.exports = exports;
        this.notifier = notifier;
        this.notices = notices;
        this.clock = clock;
    }

    @Override
    public JobType<AuditExport> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) throws IOException {
        AuditExport export = job.payload(TYPE);
        Path csv = ownerOnlyTemporaryFile();
        try {
            try (OutputStream out = Files.newOutputStream(csv)) {
                exports.writeCsv(export, out);
            }
            // Writing a long trail takes a while; another replica may have taken the job over meanwhile.
            job.checkLease();
            String channel = notifier.directMessageChannel(export.adminId());
            notifier.uploadFile(channel, export.fileName(clock.instant()), AuditMessages.uploadTitle(export), csv,
                    AuditMessages.uploadComment(export));
            return JobResult.done();
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return e.retryResult();
            }
            LOG.warnf("An audit export for %s could not be uploaded: %s", export.adminId(), e.getMessage());
            notices.send(null, Notice.toPerson(export.adminId(), AuditMessages.exportFailed(e.getMessage())));
            return JobResult.failed(e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(csv);
            } catch (IOException e) {
                LOG.warnf("The audit export's temporary file %s could not be deleted: %s", csv,
                        e.getClass().getSimpleName());
            }
        }
    }

    /**
     * A new file in the JVM's temporary directory that only the bot's user can read: the CSV is the audit trail, for
     * admins' eyes. It holds one export between the database and the upload, and is deleted when the job ends.
     */
    static Path ownerOnlyTemporaryFile() throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile("lightsail-audit-", ".csv", PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        }
        return Files.createTempFile("lightsail-audit-", ".csv");
    }

    @Override
    public void giveUp(Job job, String reason) {
        notices.send(null, Notice.toPerson(job.payload(TYPE).adminId(),
                AuditMessages.exportFailed(reason)));
    }
}
