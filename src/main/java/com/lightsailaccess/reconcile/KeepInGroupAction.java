package com.lightsailaccess.reconcile;

import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** On a reconciliation finding (keep members of the group): an admin's answer, recorded once. */
@Singleton
class KeepInGroupAction extends FindingButton {

    public KeepInGroupAction(ReconcileService ledger, AdminDirectory admins, SlackNotifier notifier,
            AfterAck afterAck) {
        super(ledger, "kept", admins, notifier, afterAck);
    }

    @Override
    protected String verb() {
        return "decide on";
    }

    @Override
    public String actionId() {
        return Ids.KEEP_IN_GROUP;
    }
}
