package com.lightsailaccess.request;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.model.Requester;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The approval message as Slack receives it: its buttons in each state, and the requester's text escaped once. */
class ApprovalMessagesTest {

    private static String json(List<LayoutBlock> blocks) {
        // As the Slack client serialises them: snake_case, without HTML escaping.
        return GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create().toJson(blocks);
    }

    private static AccessRequest request() {
        AccessRequest r = AccessRequest.file(new Requester("U0REQ", "T0", null), AccessType.BOTH,
                GrantDuration.PERMANENT, "<!here> see <http://x|y>", null,
                Instant.parse("2026-11-27T10:00:00Z"));
        r.moveTo(RequestState.APPROVED, Instant.EPOCH);
        r.recordDecision("U0ADMIN", Instant.EPOCH);
        return r;
    }

    @Test
    void approvalRequestHasApproveAndDenyAndEscapesTheReason() {
        String json = json(ApprovalMessages.approvalRequest(request(), List.of(), 1));
        assertTrue(json.contains("\"action_id\":\"lightsail_approve\"") && json.contains("\"style\":\"primary\""));
        assertTrue(json.contains("\"action_id\":\"lightsail_deny\"") && json.contains("\"style\":\"danger\""));
        assertFalse(json.contains("<!here>") || json.contains("<http://x|y>"), json);
        assertTrue(json.contains("&lt;!here&gt;"), json);
    }

    @Test
    void finishedMessagesHaveNoButtonsAndFailedOnesHaveRetryAndCancel() {
        for (List<LayoutBlock> done : List.of(ApprovalMessages.approvalDone(request(), "ok"),
                ApprovalMessages.approvalDenied(request()), ApprovalMessages.approvalProvisioning(request(), false),
                ApprovalMessages.approvalRevoked(request(), true, "U0ADMIN"))) {
            assertFalse(json(done).contains("\"type\":\"actions\""), json(done));
        }
        String failed = json(ApprovalMessages.approvalFailed(request(), "<boom>"));
        assertTrue(failed.contains("lightsail_retry") && failed.contains("lightsail_cancel"));
        assertTrue(failed.contains("&lt;boom&gt;"));
        assertTrue(failed.contains("Approved by <@U0ADMIN>"));
    }
}
