package com.lightsailaccess.decision;

import com.lightsailaccess.model.AccessLevel;
import java.util.Optional;

/**
 * How a request is approved: by {@code required} distinct admins, the requester never counting (with one, an admin
 * may approve their own request when {@code selfApprovalAllowed}). The approval message shows the count. An access
 * level may require its own number ({@link #required(Optional)}).
 */
public record ApprovalRules(boolean selfApprovalAllowed, int required) {

    /** The approvals a request at {@code level} needs: the level's own number, or {@link #required()}. */
    public int required(Optional<AccessLevel> level) {
        return level.map(l -> l.approvalsRequired().orElse(required)).orElse(required);
    }
}
