package com.lightsailaccess.reconcile;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** On a reconciliation finding (remove members of the group): an admin's answer, recorded once. */
@Singleton
class RemoveFromGroupAction extends FindingButton {

    public RemoveFromGroupAction(ReconcileService ledger, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(ledger, ReconcileService.REMOVING, admins, notifier, afterAck);
    }

    @Override
    protected String verb() {
        return "decide on";
    }

    @Override
    public String actionId() {
        return Ids.REMOVE_FROM_GROUP;
    }
}
