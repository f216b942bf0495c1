package com.lightsailaccess.lifetime;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.request.LevelChoices;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.Listeners.HolderButton;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Extend (in the reminder before a grant's end): the holder says for how long and why, in a modal opened with the
 * click's trigger (Slack allows 3 s), and an extension request is filed for the admins.
 */
@Singleton
class ExtendAction extends HolderButton {

    private final AccessRequestService requests;
    private final SlackNotifier notifier;
    private final AfterAck afterAck;
    private final LevelChoices choices;

    public ExtendAction(AccessRequestService requests, SlackNotifier notifier, AfterAck afterAck,
            LevelChoices choices) {
        super(notifier, afterAck);
        this.requests = requests;
        this.notifier = notifier;
        this.afterAck = afterAck;
        this.choices = choices;
    }

    @Override
    protected String act(long grantId, String clicker, BlockActionPayload payload) {
        Optional<AccessRequest> grant;
        try {
            grant = requests.findBeforeAck(grantId);
        } catch (DatabaseUnavailableException e) {
            return Replies.unavailableNothingChanged();
        }
        if (grant.isEmpty() || !grant.get().requesterId().equals(clicker)) {
            return Replies.notYourGrant(grantId);
        }
        String trigger = payload.getTriggerId();
        // The durations of the grant's level (the default level's for one whose level is no longer configured).
        RequestChoices offered = choices.ofRequest(grant.get().level()).orElse(choices.of(choices.levels()
                .byDefault()));
        afterAck.openView(() -> notifier.openModal(trigger, LifetimeMessages.extensionModal(grant.get(),
                offered)));
        return null;
    }

    @Override
    public String actionId() {
        return Ids.EXTEND;
    }
}
