package com.lightsailaccess.request;

import com.lightsailaccess.db.AckPathStatement;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.request.Filing.FileOutcome;
import com.lightsailaccess.request.Filing.FilingFollowup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Files a new request in one SQL statement: the person is waiting for the ack, and Slack allows 3 s for it, so the
 * refusal check, the request row, its audit event, the job that posts its approval message and the Home tab's job
 * (when someone who could see the request has opened the tab) go to the database in one round trip and commit
 * together. The same work through a JTA transaction and a Hibernate session took seven round trips, each a thread
 * wake-up on both sides, and was most of the ack's time: 3.1 ms of a 4.7 ms ack, measured inside the bot.
 *
 * <p>The rows are the ones the entity, the audit trail and {@link JobQueue#enqueue} write; the columns not named here
 * take the schema's defaults, as they do there. The job rows' SQL is the queue's ({@link JobQueue#insertSelect}); which
 * jobs follow a filing besides the approval message is for their features to say ({@link FilingFollowup}: the Home
 * tabs' refresh, when someone who could see the request has opened the tab). Refusals are decided as {@code
 * Filing.refusalFor} does, on the latest grant request. Two commands of the same person at once both pass the check;
 * the database's one-open-request index refuses the second.
 */
@ApplicationScoped
class RequestFiling {

    private static final String OPEN_STATES = Arrays.stream(RequestState.values()).filter(RequestState::isOpen)
            .map(s -> "'" + s.word() + "'").collect(Collectors.joining(", "));

    private final AckPathStatement ackPath;
    private final JobQueue jobs;
    private final Clock clock;
    private final List<FilingFollowup> followups;
    private final String sql;

    RequestFiling(AckPathStatement ackPath, JobQueue jobs, Clock clock, Instance<FilingFollowup> followups) {
        this.ackPath = ackPath;
        this.jobs = jobs;
        this.clock = clock;
        this.followups = followups.stream().toList();
        this.sql = statement(this.followups);
    }

    private static String statement(List<FilingFollowup> followups) {
        StringBuilder sql = new StringBuilder("with latest as ("
                + " select id, state, dry_run, iam_user_name, level from access_request"
                + " where requester_id = ? and kind = 'grant'"
                + " order by created_at desc, id desc limit 1),"
                + " refusal as (select id, state, iam_user_name, level from latest"
                + " where state in (" + OPEN_STATES + ")"
                + " or (state = '" + RequestState.ACTIVE.word() + "' and not dry_run)),"
                + " filed as (insert into access_request (requester_id, team_id, enterprise_id, access_type,"
                + " duration_seconds, reason, response_url, level, state, created_at, updated_at)"
                + " select ?, ?, ?, ?, ?, ?, ?, ?, '" + RequestState.PENDING.word() + "', ?, ?"
                + " where not exists (select 1 from refusal) returning id, requester_id),"
                + " audited as (insert into audit_event (request_id, actor, action, detail, at)"
                + " select id, ?, 'requested', ?, ? from filed),"
                + " approval as (" + JobQueue.insertSelect("id", "''", "filed") + ")");
        for (int k = 0; k < followups.size(); k++) {
            if (followups.get(k).condition("filed.requester_id").contains("?")) {
                // Its parameters would take the places of the ones bound after it.
                throw new IllegalStateException(followups.get(k).getClass().getName() + ": a filing follow-up's "
                        + "condition takes no parameters");
            }
            sql.append(", followup").append(k).append(" as (").append(JobQueue.insertSelect("id", "id",
                    "filed where " + followups.get(k).condition("filed.requester_id"))).append(")");
        }
        return sql.append(" select (select id from filed), r.id, r.state, r.iam_user_name, r.level"
                + " from (select 1) one left join refusal r on true").toString();
    }

    /**
     * Files the request ({@code level}: its access level's name, null without a levels file), or says why not; a lost
     * race and a database failure come out as exceptions.
     */
    FileOutcome file(Requester requester, String level, AccessType type, GrantDuration duration, String reason,
            String responseUrl) {
        Instant at = clock.instant();
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        String requesterId = requester.slackUserId();
        FileOutcome outcome = ackPath.execute(sql, statement -> {
            int i = 0;
            statement.setString(++i, requesterId);
            statement.setString(++i, requesterId);
            statement.setString(++i, requester.teamId());
            statement.setString(++i, requester.enterpriseId());
            statement.setString(++i, type.word());
            statement.setObject(++i, duration.seconds(), Types.BIGINT);
            statement.setString(++i, reason);
            statement.setString(++i, responseUrl);
            statement.setString(++i, level);
            statement.setObject(++i, now);
            statement.setObject(++i, now);
            // The reason is what admins decided on: the trail keeps it (as typed; it is never a credential).
            statement.setString(++i, requesterId);
            statement.setString(++i, (level == null ? "" : level + " level, ") + type.word() + " access, "
                    + duration.text() + ", reason: " + reason);
            statement.setObject(++i, now);
            i = JobQueue.bindInsert(statement, i, PostApprovalMessage.TYPE, requesterId, null, at);
            for (FilingFollowup followup : followups) {
                i = JobQueue.bindInsert(statement, i, followup.type(), followup.subjectPrefix(), null, at);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                long filed = row.getLong(1);
                if (!row.wasNull()) {
                    return new FileOutcome.Filed(filed, type);
                }
                long latest = row.getLong(2);
                RequestState state = RequestState.valueOf(row.getString(3).toUpperCase(Locale.ROOT));
                return state.isOpen() ? new FileOutcome.AlreadyOpen(latest, state)
                        : new FileOutcome.AlreadyHasAccess(latest, row.getString(4), row.getString(5));
            }
        });
        if (outcome instanceof FileOutcome.Filed) {
            jobs.committed();
        }
        return outcome;
    }
}
