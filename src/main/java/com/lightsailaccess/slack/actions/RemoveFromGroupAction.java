package com.lightsailaccess.slack.actions;

import com.lightsailaccess.access.ReconcileService;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.notify.SlackNotifier;
import jakarta.inject.Singleton;

/** On a reconciliation finding (remove members of the group): an admin's answer, recorded once. */
@Singleton
public class RemoveFromGroupAction extends FindingButton {

    public RemoveFromGroupAction(ReconcileService ledger, AdminDirectory admins, SlackNotifier notifier, AfterAck afterAck) {
        super(ledger, "removing", admins, notifier, afterAck);
    }

    @Override
    String verb() {
        return "decide on";
    }

    @Override
    public String actionId() {
        return Ids.REMOVE_FROM_GROUP;
    }
}
