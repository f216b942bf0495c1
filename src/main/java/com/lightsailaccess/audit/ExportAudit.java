package com.lightsailaccess.audit;

import com.lightsailaccess.model.AuditExport;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobKind;
import com.lightsailaccess.queue.JobResult;
import com.lightsailaccess.slack.notify.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.lightsailaccess.slack.notify.SlackResults;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Uploads an admin's audit export as a CSV into their DM with the bot, after the acknowledgement (an upload takes
 * three Web API round trips, far more than Slack's 3 s allow). The export names its events by id and an absolute
 * time, so a retry uploads the same rows. A retry after Slack shared the file but before the job was marked done
 * would share it twice; nothing is lost.
 */
@ApplicationScoped
class ExportAudit implements JobHandler {

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
    public JobKind kind() {
        return JobKind.EXPORT_AUDIT;
    }

    @Override
    public JobResult run(Job job) {
        AuditExport export = job.payload(AuditExport.class);
        byte[] csv = AuditCsv.of(exports.eventsOf(export));
        try {
            String channel = notifier.directMessageChannel(export.adminId());
            notifier.uploadFile(channel, export.fileName(clock.instant()), AuditMessages.uploadTitle(export), csv,
                    AuditMessages.uploadComment(export));
            return JobResult.done();
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return SlackResults.retry(e);
            }
            LOG.warnf("An audit export for %s could not be uploaded: %s", export.adminId(), e.getMessage());
            notices.send(null, Notice.toPerson(export.adminId(), AuditMessages.exportFailed(e.getMessage())));
            return JobResult.failed(e.getMessage());
        }
    }

    @Override
    public void giveUp(Job job, String reason) {
        notices.send(null, Notice.toPerson(job.payload(AuditExport.class).adminId(),
                AuditMessages.exportFailed(reason)));
    }
}
