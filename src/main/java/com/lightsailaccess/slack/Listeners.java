package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.Map;
import java.util.Optional;

/**
 * What every Slack listener says about itself: the id it answers. The App producer registers every listener it is
 * given, so a new button, command, form or event listener is one new class. A button only admins may click extends
 * {@link AdminButton}; one only a grant's holder may click, {@link HolderButton}.
 */
public final class Listeners {

    private Listeners() {
    }

    /** A button, by its {@code action_id}. */
    public interface Button extends BlockActionHandler {
        String actionId();
    }

    /** A slash command, by its name ({@code /lightsail-access}). */
    public interface Command extends SlashCommandHandler {
        String command();
    }

    /** A modal's submission, by the view's {@code callback_id}. */
    public interface Form extends ViewSubmissionHandler {
        String callbackId();
    }

    /** An Events API event, by its type ({@code user_change}, {@code app_home_opened}). */
    public interface Event<E extends com.slack.api.model.event.Event> extends BoltEventHandler<E> {
        Class<E> eventType();
    }

    /** A slash command's answer that only the caller sees. */
    public static Response ephemeral(SlashCommandContext ctx, String text) {
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
    }

    /** The values of a submitted view's inputs, by block and action id. */
    public static Map<String, Map<String, ViewState.Value>> stateOf(View view) {
        return view.getState() == null || view.getState().getValues() == null ? Map.of() : view.getState().getValues();
    }

    public static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, String block,
            String action) {
        Map<String, ViewState.Value> inBlock = values == null ? null : values.get(block);
        return Optional.ofNullable(inBlock == null ? null : inBlock.get(action));
    }

    /**
     * What every admin button shares: the clicker is checked against the admin list on the server (only the verified
     * user id of the payload is trusted; the message it came from is not), the request id in the button's value is
     * parsed strictly, and the domain decides. The ack goes back at once; a click that changed nothing is told why in
     * an ephemeral message (a DM for a click on the App Home tab), after the ack. The same buttons on the Home tab and
     * in the approval channel run this same path, so a request is decided once whichever is clicked.
     */
    public abstract static class AdminButton implements Button {

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

        /**
         * Why {@code clicker} may not act on the request, if so: by default, unless they are an admin now (a button
         * whose request has approvers of its own says so here).
         */
        protected Optional<String> refusal(long requestId, String clicker) {
            AdminDirectory.Verdict verdict = admins.check(clicker);
            if (verdict == AdminDirectory.Verdict.UNKNOWN) {
                return Optional.of(AdminDirectory.adminsUnknown());
            }
            return verdict == AdminDirectory.Verdict.NOT_ADMIN ? Optional.of(AdminDirectory.notAnAdmin(verb()))
                    : Optional.empty();
        }

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
                answer = refusal(requestId, clicker).orElseGet(() -> act(requestId, clicker));
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

    /**
     * What the buttons of a grant's holder share (Extend, Give back, Keep access): the button names the grant, and only
     * its holder may act on it, which the domain checks against the verified user id of the click. The ack goes back
     * at once; the answer follows as an ephemeral message.
     */
    public abstract static class HolderButton implements Button {

        private final SlackNotifier notifier;
        private final AfterAck afterAck;

        protected HolderButton(SlackNotifier notifier, AfterAck afterAck) {
            this.notifier = notifier;
            this.afterAck = afterAck;
        }

        /** Acts for the clicker on the grant; returns what to tell them, or null when nothing needs saying. */
        protected abstract String act(long grantId, String clicker, BlockActionPayload payload);

        @Override
        public Response apply(BlockActionRequest req, ActionContext ctx) {
            BlockActionPayload payload = req.getPayload();
            String clicker = payload.getUser() == null ? null : payload.getUser().getId();
            long grantId = AdminButton.parseId(payload.getActions().get(0).getValue());
            String answer = clicker == null || grantId <= 0 ? ":x: That button does not name a grant. Nothing changed."
                    : act(grantId, clicker, payload);
            if (answer != null) {
                afterAck.run("holder answer", AfterAck.clickAnswer(notifier, payload, answer));
            }
            return ctx.ack();
        }
    }
}
