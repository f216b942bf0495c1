package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessRequest;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.List;

/** The approval message as the README's pictures show it, drawn by the request feature's own builders. */
public final class RequestPictures {

    private RequestPictures() {
    }

    public static List<LayoutBlock> approvalRequest(AccessRequest request, int required) {
        return ApprovalMessages.approvalRequest(request, List.of(), required);
    }

    /** The request form with access levels, as {@code person} sees it. */
    public static View requestModal(LevelChoices levels, String person) {
        return RequestMessages.requestModal(levels, person, null);
    }

    public static List<LayoutBlock> approvalDone(AccessRequest request) {
        return ApprovalMessages.approvalDone(request, ApprovalMessages.grantSummary(request));
    }
}
