package com.lightsailaccess.request;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService.RequestStatus;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.request.Filing.FileOutcome;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.slack.Listeners;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.blocks.Replies;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the requester sees: the request modal, the answer to a filing, help and status. */
public final class RequestMessages {

    /** The longest reason a request may carry (the modal's limit; the text command is held to it too). */
    public static final int MAX_REASON_LENGTH = 1000;

    private RequestMessages() {
    }

    /** Approve and Deny on a pending request: in the approval channel and on admins' Home tabs alike. */
    public static List<BlockElement> decisionButtons(AccessRequest request) {
        return List.of(
                button(b -> b.actionId(Ids.APPROVE).value(String.valueOf(request.id())).style("primary")
                        .text(plainText("Approve"))),
                button(b -> b.actionId(Ids.DENY).value(String.valueOf(request.id())).style("danger")
                        .text(plainText("Deny"))));
    }

    public static View requestModal(RequestChoices choices) {
        return requestModal(List.of(), choices.defaultAccess(), choices.durations(), choices.defaultDuration());
    }

    /**
     * With access levels: the modal offers the levels {@code person} may ask for ({@code chosen} first selected, else
     * the default when they may ask for it), and every duration one of them offers; the submission holds them to the
     * chosen level's.
     */
    public static View requestModal(LevelChoices levels, String person, AccessLevel chosen) {
        List<AccessLevel> askable = levels.askableBy(person);
        AccessLevel first = chosen != null && askable.contains(chosen) ? chosen
                : askable.contains(levels.levels().byDefault()) ? levels.levels().byDefault() : askable.get(0);
        List<AccessLevel> ordered = new ArrayList<>(List.of(first));
        askable.stream().filter(l -> !l.equals(first)).forEach(ordered::add);
        List<GrantDuration> durations = new ArrayList<>();
        for (AccessLevel level : ordered) {
            levels.of(level).durations().stream().filter(d -> durations.stream().noneMatch(c -> c.length()
                    .equals(d.length()))).forEach(durations::add);
        }
        RequestChoices firstChoices = levels.of(first);
        return requestModal(ordered, firstChoices.defaultAccess(), durations, firstChoices.defaultDuration());
    }

    private static View requestModal(List<AccessLevel> levels, AccessType defaultAccess,
            List<GrantDuration> choices, GrantDuration defaultChoice) {
        List<OptionObject> options = Arrays.stream(AccessType.values())
                .map(t -> option(plainText(label(t)), t.word()))
                .toList();
        OptionObject initial = options.get(defaultAccess.ordinal());
        BlockElement select = staticSelect(s -> s.actionId(Ids.ACCESS_TYPE_INPUT).options(options)
                .initialOption(initial));
        List<OptionObject> durations = choices.stream()
                .map(d -> option(plainText(d.permanent() ? "permanent (no end)" : d.text()), d.text())).toList();
        OptionObject defaultDuration = durations.stream()
                .filter(o -> o.getValue().equals(defaultChoice.text())).findFirst()
                .orElse(durations.get(0));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("Ask the AWS admins for access to Amazon Lightsail. "
                + "When an admin approves, you get your sign-in details in a direct message."))));
        if (!levels.isEmpty()) {
            List<OptionObject> levelOptions = levels.stream().map(l -> option(plainText(l.label()), l.name())).toList();
            blocks.add(input(i -> i.blockId(Ids.LEVEL_BLOCK).label(plainText("Access level"))
                    .hint(plainText("Each level has its own approvers, durations and access types."))
                    .element(staticSelect(e -> e.actionId(Ids.LEVEL_INPUT).options(levelOptions)
                            .initialOption(levelOptions.get(0))))));
        }
        blocks.add(input(i -> i.blockId(Ids.ACCESS_TYPE_BLOCK).label(plainText("Access type")).element(select)));
        blocks.add(input(i -> i.blockId(Ids.DURATION_BLOCK).label(plainText("For how long"))
                .element(staticSelect(e -> e.actionId(Ids.DURATION_INPUT).options(durations)
                        .initialOption(defaultDuration)))));
        blocks.add(input(i -> i.blockId(Ids.REASON_BLOCK).label(plainText("Reason"))
                .hint(plainText("What do you need Lightsail for? The admins see this."))
                .element(plainTextInput(p -> p.actionId(Ids.REASON_INPUT).multiline(true)
                        .maxLength(MAX_REASON_LENGTH)))));
        return view(v -> v.type("modal").callbackId(Ids.REQUEST_MODAL)
                .title(viewTitle(t -> t.type("plain_text").text("Lightsail access")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Request")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /**
     * The request form for {@code person}: with access levels, the levels they may ask for ({@code chosen}, the level
     * the command named, first); or, when they may ask for none of them (or not for {@code chosen}), why not.
     */
    public static Result<View> requestForm(LevelChoices levels, RequestChoices choices, String person,
            AccessLevel chosen) {
        if (!levels.named()) {
            return new Result.Ok<>(requestModal(choices));
        }
        Optional<String> refusal = chosen != null ? mayNotAsk(levels, chosen, person)
                : levels.askableBy(person).isEmpty() ? mayNotAsk(levels, null, person) : Optional.empty();
        return refusal.<Result<View>>map(Result.Refused::new).orElseGet(() -> new Result.Ok<>(requestModal(levels,
                person, chosen)));
    }

    /** A form to open, or why not. */
    public sealed interface Result<T> {

        record Ok<T>(T value) implements Result<T> {
        }

        record Refused<T>(String why) implements Result<T> {
        }
    }

    /**
     * Why {@code person} may not ask for {@code level} ({@code requesters}), with the levels they may ask for; empty
     * when they may (always without a levels file).
     */
    public static Optional<String> mayNotAsk(LevelChoices levels, AccessLevel level, String person) {
        AccessLevel asked = level == null ? levels.levels().byDefault() : level;
        if (!levels.named() || asked.mayAsk(person)) {
            return Optional.empty();
        }
        List<AccessLevel> askable = levels.askableBy(person);
        return Optional.of(":no_entry: The level `" + asked.name() + "` is not one you may ask for. "
                + (askable.isEmpty() ? "There is no level you may ask for; the admins can tell you why."
                        : "You may ask for: " + String.join(", ", askable.stream().map(l -> "`" + l.name() + "`")
                                .toList()) + ", e.g. `/lightsail-access " + askable.get(0).name()
                        + " deploying the blog`.") + " Nothing was filed.");
    }

    /** The levels {@code person} may ask for, each with its choices; empty without a levels file. */
    public static String levelsHelp(LevelChoices levels, String person) {
        if (!levels.named()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n*Access levels* (name one first: `/lightsail-access <level> "
                + "[console|programmatic|both] [for <duration>] <reason>`; the first is the default):");
        for (AccessLevel level : levels.askableBy(person)) {
            RequestChoices choices = levels.of(level);
            text.append("\n• `").append(level.name()).append("`: ").append(Mrkdwn.escape(level.label()))
                    .append(" (").append(String.join(", ", level.accessTypes().stream().sorted()
                            .map(AccessType::word).toList())).append("; ").append(choices.choicesText())
                    .append(")");
        }
        return text.toString();
    }

    private static String label(AccessType type) {
        return switch (type) {
            case CONSOLE -> "Console (password to sign in to the AWS console)";
            case PROGRAMMATIC -> "Programmatic (access key for the CLI and SDKs)";
            case BOTH -> "Both";
        };
    }

    /** The reason typed into a form ({@link Ids#REASON_BLOCK}), stripped; empty when none. */
    public static String reasonOf(Map<String, Map<String, ViewState.Value>> values) {
        return Listeners.value(values, Ids.REASON_BLOCK, Ids.REASON_INPUT).map(ViewState.Value::getValue)
                .map(String::strip).orElse("");
    }

    /** What a form says is wrong with a reason (required; at most {@value #MAX_REASON_LENGTH} characters). */
    public static Optional<String> reasonProblem(String reason) {
        if (reason.isEmpty()) {
            return Optional.of("A reason is required.");
        }
        return reason.length() > MAX_REASON_LENGTH
                ? Optional.of("At most " + MAX_REASON_LENGTH + " characters, please.") : Optional.empty();
    }

    /** A form's answer to its filing: the outcome in the modal, or (unavailable) an error that keeps it open. */
    public static Response formAnswer(ViewSubmissionContext ctx, FileOutcome outcome) {
        if (outcome instanceof FileOutcome.Unavailable) {
            // Keep the modal open so the person can submit again in a moment.
            return ctx.ackWithErrors(Map.of(Ids.REASON_BLOCK,
                    "Temporarily unavailable: nothing was stored. Please submit again in a minute."));
        }
        if (outcome instanceof FileOutcome.DurationNotOffered d) {
            return ctx.ackWithErrors(Map.of(Ids.DURATION_BLOCK, "Choose one of: " + d.choices()));
        }
        return ctx.ackWithUpdate(Replies.modalResult(answer(outcome)));
    }

    public static String answer(FileOutcome outcome) {
        if (outcome instanceof FileOutcome.ChangeFiled c) {
            return ":inbox_tray: Your change of level #" + c.requestId() + " (grant #" + c.grantId() + " from `"
                    + Mrkdwn.escape(c.from()) + "` to *" + Mrkdwn.escape(c.to()) + "*) is filed. Once the level's "
                    + "approvers approve, your IAM user moves to its group with the credentials you have.";
        }
        if (outcome instanceof FileOutcome.Filed f) {
            return ":inbox_tray: Your request #" + f.requestId() + " for *" + f.accessType().describe()
                    + "* access is filed. The admins have been asked; you will get a direct message when they "
                    + "decide. `/lightsail-access status` shows where it stands.";
        }
        if (outcome instanceof FileOutcome.AlreadyOpen o) {
            return ":hourglass: You already have an open request (#" + o.requestId() + ", " + o.state().word()
                    + "). Nothing new was filed; `/lightsail-access status` shows it.";
        }
        if (outcome instanceof FileOutcome.AlreadyHasAccess a) {
            return ":white_check_mark: You already have Lightsail access"
                    + (a.iamUserName() == null ? "" : " as IAM user `" + Mrkdwn.escape(a.iamUserName()) + "`")
                    + " (request #" + a.requestId() + "). Nothing new was filed.";
        }
        if (outcome instanceof FileOutcome.DurationNotOffered d) {
            return ":x: Choose one of: " + d.choices() + ". Nothing was filed.";
        }
        if (outcome instanceof FileOutcome.TypeNotOffered t) {
            return ":x: The level `" + t.level() + "` offers " + String.join(" or ", t.offered().stream().sorted()
                    .map(a -> "`" + a.word() + "`").toList()) + " access, and yours is `" + t.type().word()
                    + "`: a change of level keeps your credentials, so it cannot move you there. `/lightsail-access "
                    + "done` gives your access back; then ask for that level anew. Nothing was filed.";
        }
        if (outcome instanceof FileOutcome.NotYours n) {
            return Replies.notYourGrant(n.grantId());
        }
        if (outcome instanceof FileOutcome.NothingToExtend e) {
            return ":information_source: Request #" + e.grantId() + " is " + e.state().word()
                    + ", so there is nothing to extend. `/lightsail-access` asks for access again.";
        }
        return Replies.unavailable();
    }

    public static String help(RequestChoices choices) {
        return """
                *Lightsail Access* asks the AWS admins for access to Amazon Lightsail.
                • `/lightsail-access` opens a form.
                • `/lightsail-access [console|programmatic|both] [for <duration>] <reason>` files a request at \
                once (default: %s, %s; durations: %s).
                • `/lightsail-access status` shows your request, whether you have access, and until when.
                • `/lightsail-access done` gives your access back.
                • `/lightsail-access reset-password` replaces your forgotten console password and shows you the \
                new one once.
                • `/lightsail-access rotate-key` gives you a new access key; the old one keeps working for a while.
                • `/lightsail-access help` shows this.
                Admins: `/lightsail-revoke <@person|iam-user-name> [delete]` takes access away \
                (`delete` removes the IAM user too); `/lightsail-audit [<@person>|<iam-user-name>] [since <duration>]` \
                shows the audit trail and sends you a CSV of it.""".formatted(choices.defaultAccess().word(),
                choices.defaultDuration().text(), choices.choicesText());
    }

    public static String status(RequestStatus status) {
        return status(status, Map.of());
    }

    /** As {@link #status(RequestStatus)}, with a line about the grant's credentials when there is one. */
    public static String status(RequestStatus status, Map<Long, String> credentials) {
        if (status.latest().isEmpty()) {
            return "You have no Lightsail access request yet. `/lightsail-access help` shows how to ask.";
        }
        RequestStatus.Latest r = status.latest().get();
        StringBuilder text = new StringBuilder("*Your request #").append(r.requestId()).append("*: ")
                .append(r.state().word()).append(r.dryRun() ? " (dry run: nothing was created in AWS)" : "")
                .append(r.level() == null ? "" : "\n• Level: `" + Mrkdwn.escape(r.level()) + "`")
                .append("\n• Access type: ").append(r.accessType().describe()).append(", ")
                .append(forHowLong(r.duration()))
                .append("\n• Requested: ").append(Mrkdwn.date(r.createdAt()));
        if (r.state() == RequestState.ACTIVE || r.state() == RequestState.PROVISIONING
                || r.state() == RequestState.APPROVED) {
            text.append("\n• Ends: ").append(r.endsAt().map(Mrkdwn::date).orElse("never"));
        }
        r.openExtension().ifPresent(e -> text.append("\n• Extension #").append(e).append(" is waiting for the admins"));
        r.openChange().ifPresent(c -> text.append("\n• Change of level #").append(c).append(" is open"));
        if (r.endedHow() != null) {
            text.append("\n• Ended: ").append(r.endedHow());
        }
        if (r.iamUserName() != null) {
            text.append("\n• IAM user: `").append(Mrkdwn.escape(r.iamUserName())).append('`');
        }
        if (r.decidedBy() != null) {
            text.append("\n• Decided by ").append(Mrkdwn.user(r.decidedBy()));
            if (r.decidedAt() != null) {
                text.append(", ").append(Mrkdwn.date(r.decidedAt()));
            }
        }
        if (r.failureReason() != null && !r.state().isFinal() && r.state() != RequestState.ACTIVE) {
            text.append("\n• Last problem: ").append(Mrkdwn.escape(r.failureReason()));
        }
        if (r.awaitingReveal()) {
            text.append("\n:key: Your credentials are made when you click *Show credentials* in your direct "
                    + "message from the bot.");
        }
        if (r.hasAccess() && credentials.containsKey(r.requestId())) {
            text.append("\n• Credentials: ").append(credentials.get(r.requestId()));
        }
        text.append(r.hasAccess() ? "\n:white_check_mark: You have Lightsail access now."
                : "\nYou do not have Lightsail access now.");
        return text.toString();
    }

    /** A request's access level as messages name it: its name, as people type it in the command. */
    public static String level(AccessRequest request) {
        return "`" + Mrkdwn.escape(request.level()) + "`";
    }

    /** "for 7d", "permanently": how long a request asks for. */
    public static String forHowLong(GrantDuration duration) {
        return duration.permanent() ? "permanently" : "for " + duration.text();
    }
}
