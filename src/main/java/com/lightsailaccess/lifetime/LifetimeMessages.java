package com.lightsailaccess.lifetime;

import static com.slack.api.model.block.Blocks.actions;
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

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.request.RequestMessages;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import java.time.Instant;
import java.util.List;

/** Block Kit and text for a grant's lifetime: its end, the reminder, extension, give-back, dormant credentials. */
final class LifetimeMessages {

    private LifetimeMessages() {
    }

    /** "until <date>", "with no end". */
    public static String until(java.util.Optional<Instant> end) {
        return end.map(e -> "until " + Mrkdwn.date(e)).orElse("with no end");
    }

    public static String reminderFallback(AccessRequest grant) {
        return "Your Lightsail access (request #" + grant.id() + ") ends soon.";
    }

    /** One DM before a grant's end: Extend (files an extension for the admins) and Give back. */
    public static List<LayoutBlock> reminder(AccessRequest grant) {
        return List.of(
                section(s -> s.text(markdownText(":hourglass: Your Lightsail access as IAM user `"
                        + Mrkdwn.escape(grant.iamUserName()) + "` (request #" + grant.id() + ") ends "
                        + grant.endsAt().map(Mrkdwn::date).orElse("soon") + ". Ask for more time, or give it back "
                        + "now if you are done."))),
                actions(a -> a.blockId("reminder").elements(List.of(
                        button(b -> b.actionId(Ids.EXTEND).value(String.valueOf(grant.id())).style("primary")
                                .text(plainText("Extend"))),
                        button(b -> b.actionId(Ids.GIVE_BACK).value(String.valueOf(grant.id()))
                                .text(plainText("Give back")))))));
    }

    /** The extension form: for how long more, and why (admins read it). */
    public static View extensionModal(AccessRequest grant, RequestChoices choices) {
        List<OptionObject> options = choices.durations().stream()
                .map(d -> option(plainText(d.text()), d.text())).toList();
        OptionObject initial = options.stream().filter(o -> o.getValue().equals(grant.duration().text()))
                .findFirst().orElse(options.stream().filter(o -> o.getValue()
                        .equals(choices.defaultDuration().text())).findFirst().orElse(options.get(0)));
        return view(v -> v.type("modal").callbackId(Ids.EXTEND_MODAL).privateMetadata(String.valueOf(grant.id()))
                .title(viewTitle(t -> t.type("plain_text").text("Extend access")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Ask")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText("Your access (request #" + grant.id() + ") ends "
                                + grant.endsAt().map(Mrkdwn::date).orElse("never") + ". The admins decide an "
                                + "extension like any request; it moves the end and makes no new credentials."))),
                        input(i -> i.blockId(Ids.DURATION_BLOCK).label(plainText("For how much longer"))
                                .element(staticSelect(e -> e.actionId(Ids.DURATION_INPUT).options(options)
                                        .initialOption(initial)))),
                        input(i -> i.blockId(Ids.REASON_BLOCK).label(plainText("Reason"))
                                .element(plainTextInput(p -> p.actionId(Ids.REASON_INPUT).multiline(true)
                                        .maxLength(RequestMessages.MAX_REASON_LENGTH)))))));
    }

    public static String extendedDm(AccessRequest grant, long extensionId) {
        return ":calendar: Your Lightsail access (request #" + grant.id() + ") was extended (extension #"
                + extensionId + "): it now lasts " + until(grant.endsAt()) + ". Your credentials stay as they are.";
    }

    public static String extensionTooLateDm(AccessRequest grant, long extensionId) {
        return ":information_source: Extension #" + extensionId + " was approved, but your access (request #"
                + grant.id() + ") had already ended. File a new request with `/lightsail-access` if you still need it.";
    }

    public static String keptAnswer(long grantId) {
        return ":white_check_mark: Noted: you still need your Lightsail access (request #" + grantId + ").";
    }

    public static String dormantFallback(long grantId) {
        return "Do you still need your Lightsail access (request #" + grantId + ")?";
    }

    /** "Still needed?": Keep access starts the clock again; no answer within the grace period ends the grant. */
    public static List<LayoutBlock> dormant(long grantId, String iamUserName, Instant lastUsed, Instant answerBy) {
        String used = lastUsed.equals(Instant.EPOCH) ? "have not been used" : "were last used " + Mrkdwn.date(lastUsed);
        return List.of(
                section(s -> s.text(markdownText(":zzz: Your Lightsail credentials (IAM user `"
                        + Mrkdwn.escape(iamUserName) + "`, request #" + grantId + ") " + used + ". Do you still "
                        + "need them? Without an answer by " + Mrkdwn.date(answerBy) + " your access ends."))),
                actions(a -> a.blockId("dormant").elements(List.of(
                        button(b -> b.actionId(Ids.KEEP_ACCESS).value(String.valueOf(grantId)).style("primary")
                                .text(plainText("Keep access"))),
                        button(b -> b.actionId(Ids.GIVE_BACK).value(String.valueOf(grantId))
                                .text(plainText("Give back")))))));
    }
}
