package com.lightsailaccess.home;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService.RequestStatus;
import com.lightsailaccess.model.AuditEvent;
import com.slack.api.model.view.View;
import java.util.List;

/** The Home tab as the README's pictures show it, drawn by the tab's own builder. */
public final class HomePictures {

    private HomePictures() {
    }

    /** A requester's tab: their own access only. */
    public static View requester(RequestStatus own, String approvalChannel) {
        return HomeMessages.home(own, java.util.Optional.empty(), approvalChannel);
    }

    /** An admin's tab: their own access, the requests waiting, the grants and the latest events. */
    public static View admin(RequestStatus own, List<AccessRequest> pending, List<AccessRequest> active,
            List<AuditEvent> events, String approvalChannel) {
        AppHome.AdminLists lists = new AppHome.AdminLists(pending, pending.size(), active, active.size(), events);
        return HomeMessages.home(own, java.util.Optional.of(lists), approvalChannel);
    }
}
