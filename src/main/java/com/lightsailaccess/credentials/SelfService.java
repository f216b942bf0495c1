package com.lightsailaccess.credentials;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.slack.AfterAck;
import com.lightsailaccess.slack.blocks.Replies;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What a holder's own actions on their credentials (a password reset, a key rotation) share: the answer given with
 * the acknowledgement, and with delivery {@code reveal} the modal that the command's or the click's trigger opens
 * right after it (Slack honours a trigger for 3 s), in which the new secret is then shown, or why not.
 */
@ApplicationScoped
class SelfService {

    private static final Logger LOG = Logger.getLogger(SelfService.class);

    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    SelfService(SlackNotifier notifier, AfterAck afterAck) {
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    /** What asking came to. */
    sealed interface Asked {

        /** Nothing changed, and why. */
        record Refused(String answer) implements Asked {
        }

        /** The new secret comes by direct message: its job is queued. */
        record Queued(String answer) implements Asked {
        }

        /** Delivery {@code reveal}: a modal is opened now, and the job queued to show the secret in it. */
        record ShowInModal(long grantId) implements Asked {
        }
    }

    /** Queues the job that shows the secret in the open modal {@code viewId}; the reason when it may not. */
    @FunctionalInterface
    interface StartInModal {
        Optional<String> start(long grantId, String person, String viewId);
    }

    /**
     * The answer to {@code person}, given with the acknowledgement. With delivery {@code reveal}, the modal
     * ({@code modal} of a text: {@code preparing} at first) opens, and the answer is {@code inModal}.
     */
    String answer(Supplier<Asked> ask, String person, String triggerId, Function<String, View> modal,
            String preparing, StartInModal start, String inModal) {
        Asked asked;
        try {
            asked = ask.get();
        } catch (DatabaseUnavailableException e) {
            return Replies.unavailableNothingChanged();
        }
        return switch (asked) {
            case Asked.Refused refused -> refused.answer();
            case Asked.Queued queued -> queued.answer();
            case Asked.ShowInModal shown -> {
                afterAck.openView(() -> {
                    String viewId = notifier.openModal(triggerId, modal.apply(preparing));
                    start.start(shown.grantId(), person, viewId).ifPresent(refusal -> afterAck.run("modal answer",
                            () -> notifier.updateModal(viewId, modal.apply(refusal))));
                });
                yield inModal;
            }
        };
    }

    /** Shows a new secret once: in its modal ({@code modal} of the blocks), or in one DM. */
    void show(String person, ShownIn target, Function<List<LayoutBlock>, View> modal, String fallback,
            List<LayoutBlock> blocks) throws SlackCallException {
        if (target.inModal()) {
            notifier.updateModal(target.viewId(), modal.apply(blocks));
        } else {
            notifier.directMessage(person, fallback, blocks);
        }
    }

    /**
     * Tells {@code person} what became of their action: in its modal when there is one ({@code modal} of the text),
     * else by DM. Best effort: the audit trail has what happened either way.
     */
    void tell(String person, ShownIn target, Function<String, View> modal, String text) {
        try {
            if (target.inModal()) {
                notifier.updateModal(target.viewId(), modal.apply(text));
            } else {
                notifier.directMessage(person, text);
            }
        } catch (SlackCallException e) {
            LOG.warnf("A holder could not be told what became of their own credentials' change: %s", e.getMessage());
        }
    }
}
