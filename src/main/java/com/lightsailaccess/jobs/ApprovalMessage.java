package com.lightsailaccess.jobs;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.slack.blocks.Messages;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.block.LayoutBlock;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Edits a request's approval message in place. Best effort: the request's state in the database is the truth, and
 * a message that could not be edited must not hold up (or undo) the work it describes.
 */
@ApplicationScoped
public class ApprovalMessage {

    private static final Logger LOG = Logger.getLogger(ApprovalMessage.class);

    private final SlackNotifier notifier;

    public ApprovalMessage(SlackNotifier notifier) {
        this.notifier = notifier;
    }

    public void show(AccessRequest request, List<LayoutBlock> blocks) {
        if (request.approvalTs() == null) {
            return;
        }
        try {
            notifier.update(request.approvalChannel(), request.approvalTs(), Messages.approvalFallback(request),
                    blocks);
        } catch (SlackCallException e) {
            LOG.warnf("Could not update the approval message of request #%d: %s", request.id(), e.getMessage());
        }
    }

    public void tell(String userId, String text) {
        try {
            notifier.directMessage(userId, text);
        } catch (SlackCallException e) {
            LOG.warnf("Could not send a direct message to %s: %s", userId, e.getMessage());
        }
    }
}
