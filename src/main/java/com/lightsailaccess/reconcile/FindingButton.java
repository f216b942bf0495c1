package com.lightsailaccess.reconcile;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.AdminButton;
import com.lightsailaccess.slack.notify.SlackNotifier;

/**
 * Remove from group / Keep on a reconciliation finding, or Remove all / Keep all on a summary: admins only,
 * decided once.
 */
abstract class FindingButton extends AdminButton {

    private final ReconcileService ledger;
    private final String resolution;

    FindingButton(ReconcileService ledger, String resolution, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(admins, notifier, afterAck);
        this.ledger = ledger;
        this.resolution = resolution;
    }

    @Override
    protected String act(long findingId, String adminId) {
        try {
            return ledger.resolve(findingId, resolution, adminId)
                    .map(f -> ReconcileService.SUMMARY.equals(f.kind())
                            ? ReconcileMessages.resolvedAll(MemberSummary.groupOf(f.subject()), resolution,
                                    f.resolution(), f.resolvedBy())
                            : ReconcileMessages.resolved(f.subject(), resolution, f.resolution(), f.resolvedBy()))
                    .orElse(":x: That finding is not known. Nothing changed.");
        } catch (DatabaseUnavailableException e) {
            return ":warning: Lightsail Access is temporarily unavailable, so nothing changed. Please click again.";
        }
    }
}
