package com.lightsailaccess.slack.notify;

import com.google.gson.Gson;
import com.lightsailaccess.queue.JobQueue;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Queues {@link Notice}s; the {@link Notify} job sends them, honouring Slack's rate limits. */
@ApplicationScoped
public class Notices {

    private final JobQueue jobs;

    public Notices(JobQueue jobs) {
        this.jobs = jobs;
    }

    /** Within the caller's transaction when there is one, so a notice is queued with the change it tells of. */
    @Transactional
    public void send(Long requestId, Notice notice) {
        jobs.enqueue(Notify.TYPE, requestId, notice.subject(), notice);
    }

    /**
     * A message to send later, durably: to the approval channel, to a person by DM, or as an answer through a
     * command's {@code response_url} (with a DM when that URL has run out). Stored as a job's payload, so it must never
     * carry a secret: credentials travel only in the one DM that provisioning sends itself.
     */
    public record Notice(Target target, String to, String responseUrl, Long responseUrlIssuedAt, String text,
            String blocksJson, String ts) {

        enum Target {
            APPROVAL_CHANNEL, PERSON, ANSWER, UPDATE
        }

        /** Bolt's own Gson: it knows how to write and read Block Kit. */
        private static final Gson GSON = GsonFactory.createSnakeCase();

        public static Notice toApprovalChannel(String text) {
            return new Notice(Target.APPROVAL_CHANNEL, null, null, null, text, null, null);
        }

        public static Notice toApprovalChannel(String fallback, List<LayoutBlock> blocks) {
            return new Notice(Target.APPROVAL_CHANNEL, null, null, null, fallback, GSON.toJson(blocks), null);
        }

        public static Notice toPerson(String slackUserId, String text) {
            return new Notice(Target.PERSON, slackUserId, null, null, text, null, null);
        }

        public static Notice toPerson(String slackUserId, String fallback, List<LayoutBlock> blocks) {
            return new Notice(Target.PERSON, slackUserId, null, null, fallback, GSON.toJson(blocks), null);
        }

        /** An ephemeral answer to a command, or a DM when its response_url no longer works. */
        public static Notice answer(String slackUserId, String responseUrl, Instant issuedAt, String text) {
            return new Notice(Target.ANSWER, slackUserId, responseUrl,
                    issuedAt == null ? null : issuedAt.getEpochSecond(), text, null, null);
        }

        /** A new version of a message the bot posted ({@code channel}, {@code ts}), e.g. a DM without its button. */
        public static Notice update(String channel, String ts, String fallback, List<LayoutBlock> blocks) {
            return new Notice(Target.UPDATE, channel, null, null, fallback, GSON.toJson(blocks), ts);
        }

        List<LayoutBlock> blocks() {
            return blocksJson == null ? null : Arrays.asList(GSON.fromJson(blocksJson, LayoutBlock[].class));
        }

        /** Notices to one place go out one at a time, in order. */
        String subject() {
            return "notify:" + (target == Target.APPROVAL_CHANNEL ? "approval-channel" : to);
        }
    }
}
