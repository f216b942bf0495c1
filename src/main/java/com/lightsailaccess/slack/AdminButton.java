package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;

/**
 * What every admin button shares: the clicker is checked against the admin list on the server (only the verified
 * user id of the payload is trusted; the message it came from is not), the request id in the button's value is
 * parsed strictly, and the domain decides. The ack goes back at once; a click that changed nothing is told why in
 * an ephemeral message (a DM for a click on the App Home tab), after the ack. The same buttons on the Home tab and in
 * the approval channel run this same path, so a request is decided once whichever is clicked.
 */
public abstract class AdminButton implements Listeners.Button {

    private final AdminDirectory admins;
    private final SlackNotifier notifier;
    private final AfterAck afterAck;

    protected AdminButton(AdminDirectory admins, SlackNotifier notifier, AfterAck afterAck) {
        this.admins = admins;
        this.notifier = notifier;
        this.afterAck = afterAck;
    }

    /** The verb people read: approve, deny, retry, cancel. */
    protected abstract String verb();

    /** Acts for an admin; returns what to tell them, or null when the change itself will show. */
    protected abstract String act(long requestId, String adminId);

    @Override
    public Response apply(BlockActionRequest req, ActionContext ctx) {
        BlockActionPayload payload = req.getPayload();
        String clicker = payload.getUser() == null ? null : payload.getUser().getId();
        String value = payload.getActions().get(0).getValue();
        String answer;
        long requestId = parseId(value);
        if (clicker == null || requestId <= 0) {
            answer = ":x: That button does not name a request. Nothing changed.";
        } else {
            AdminDirectory.Verdict verdict = admins.check(clicker);
            if (verdict == AdminDirectory.Verdict.UNKNOWN) {
                answer = AdminDirectory.adminsUnknown();
            } else if (verdict == AdminDirectory.Verdict.NOT_ADMIN) {
                answer = AdminDirectory.notAnAdmin(verb());
            } else {
                answer = act(requestId, clicker);
            }
        }
        if (answer != null) {
            afterAck.run(verb() + " answer", AfterAck.clickAnswer(notifier, payload, answer));
        }
        return ctx.ack();
    }

    public static long parseId(String value) {
        if (value == null || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')
                || value.isEmpty()) {
            return -1;
        }
        return Long.parseLong(value);
    }
}
