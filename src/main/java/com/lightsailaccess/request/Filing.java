package com.lightsailaccess.request;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.db.AckPathStatement;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobQueue;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Files requests: a grant from the slash command or the modal, an extension from a holder's Extend. Runs on Slack's
 * acknowledgement path, so every database round trip is bounded ({@link AckPath}): when the database is
 * slow or away, the caller hears "nothing was stored".
 */
@ApplicationScoped
public class Filing {

    private static final Logger LOG = Logger.getLogger(Filing.class);
    static final String ONE_OPEN_INDEX = "access_request_one_open_per_person";

    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final JobQueue jobs;
    private final Followups followups;
    private final RequestFiling filing;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AccessLevels levels;
    private final LevelChoices choices;

    Filing(AccessRequestRepository requests, AuditTrail audit, JobQueue jobs, Followups followups, RequestFiling filing,
            Clock clock, MeterRegistry metrics, LevelChoices choices) {
        this.choices = choices;
        this.levels = choices.levels();
        this.requests = requests;
        this.audit = audit;
        this.jobs = jobs;
        this.followups = followups;
        this.filing = filing;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Stores a new request and, in the same statement, the job that posts its approval message ({@link RequestFiling}).
     * Refuses a second open request and a person who already has access; the database's unique index settles races
     * between two concurrent commands of the same person.
     */
    public FileOutcome file(Requester requester, AccessType type, GrantDuration duration, String reason,
            String responseUrl) {
        return file(requester, null, false, type, duration, reason, responseUrl);
    }

    /**
     * {@link #file(Requester, AccessType, GrantDuration, String, String)} at an access level ({@code level}: null
     * without a levels file). A holder who chose another level ({@code chosen}: named it, or picked it in the form)
     * files a change of level instead ({@link #fileChange}); one who did not is told they have access, as before.
     */
    public FileOutcome file(Requester requester, AccessLevel level, boolean chosen, AccessType type,
            GrantDuration duration, String reason, String responseUrl) {
        String requesterId = requester.slackUserId();
        String levelName = level == null ? null : level.name();
        FileOutcome outcome;
        try {
            outcome = filing.file(requester, levelName, type, duration, reason, responseUrl);
        } catch (DatabaseUnavailableException e) {
            if (AckPathStatement.violated(e.getCause(), ONE_OPEN_INDEX)) {
                // Lost a race with another command of the same person: that one was stored.
                outcome = refusalOrUnavailable(requesterId);
            } else {
                LOG.warnf("Filing a request failed: %s", e.getCause().getClass().getName());
                outcome = new FileOutcome.Unavailable();
            }
        }
        if (level != null && chosen && outcome instanceof FileOutcome.AlreadyHasAccess held
                && !level.named(levels.of(held.level()).map(AccessLevel::name).orElse(""))) {
            try {
                outcome = fileChange(held.requestId(), requesterId, level, duration, reason);
            } catch (DatabaseUnavailableException e) {
                outcome = new FileOutcome.Unavailable();
            }
        }
        metrics.counter("lightsail.requests", "outcome", outcomeTag(outcome)).increment();
        return outcome;
    }

    /**
     * Files a change of {@code grantId} to {@code level}, asked for by its holder: admins of that level decide it like
     * any request; once approved, the IAM user moves to the level's group with the credentials it has. One open
     * change per grant.
     */
    @AckPath(failure = "Filing a change of level of #{0,number,#} failed")
    public FileOutcome fileChange(long grantId, String holderId, AccessLevel level, GrantDuration duration,
            String reason) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || !grant.isGrant() || !grant.requesterId().equals(holderId)) {
            return new FileOutcome.NotYours(grantId);
        }
        if (grant.state() != RequestState.ACTIVE || grant.dryRun()) {
            return new FileOutcome.NothingToExtend(grantId, grant.state());
        }
        if (!level.accessTypes().contains(grant.accessType())) {
            return new FileOutcome.TypeNotOffered(level.name(), grant.accessType(), level.accessTypes());
        }
        // One change of the grant at a time, never beside an extension, which is decided under the level it has.
        Optional<AccessRequest> open = openFollowUpOf(grantId);
        if (open.isPresent()) {
            return new FileOutcome.AlreadyOpen(open.get().id(), open.get().state());
        }
        String from = levels.of(grant.level()).map(AccessLevel::name).orElse(String.valueOf(grant.level()));
        AccessRequest change = AccessRequest.change(grant, level.name(), duration, reason, clock.instant());
        requests.persist(change);
        requests.flush();
        audit.record(change.id(), holderId, "level change requested", "of #" + grantId + " from " + from + " to "
                + level.name() + " level, " + duration.text() + ", reason: " + reason);
        jobs.enqueue(PostApprovalMessage.TYPE, change.id(), holderId, null);
        followups.homeChanged(change.id());
        return new FileOutcome.ChangeFiled(change.id(), grantId, from, level.label());
    }

    /**
     * Files an extension of {@code grantId}, asked for by its holder (the Extend button): admins decide it like any
     * request, and approving it moves the grant's end. One open extension per grant.
     */
    @AckPath(failure = "Filing an extension of #{0,number,#} failed")
    public FileOutcome fileExtension(long grantId, String holderId, GrantDuration duration, String reason) {
        AccessRequest grant = requests.lock(grantId);
        if (grant == null || !grant.isGrant() || !grant.requesterId().equals(holderId)) {
            return new FileOutcome.NotYours(grantId);
        }
        if (grant.state() != RequestState.ACTIVE || grant.dryRun()) {
            return new FileOutcome.NothingToExtend(grantId, grant.state());
        }
        RequestChoices offered = choices.ofRequest(grant.level()).orElse(choices.of(levels.byDefault()));
        if (offered.choice(duration.text()).isEmpty()) {
            return new FileOutcome.DurationNotOffered(offered.choicesText());
        }
        Optional<AccessRequest> open = openFollowUpOf(grantId);
        if (open.isPresent()) {
            return new FileOutcome.AlreadyOpen(open.get().id(), open.get().state());
        }
        AccessRequest extension = AccessRequest.extension(grant, duration, reason, clock.instant());
        requests.persist(extension);
        requests.flush();
        audit.record(extension.id(), holderId, "extension requested", "of #" + grantId + " by "
                + duration.text() + ", reason: " + reason);
        jobs.enqueue(PostApprovalMessage.TYPE, extension.id(), holderId, null);
        followups.homeChanged(extension.id());
        return new FileOutcome.Filed(extension.id(), grant.accessType());
    }

    /** The grant's extension or change of level that is still open, if any. */
    private Optional<AccessRequest> openFollowUpOf(long grantId) {
        return requests.extensionsOf(grantId, List.of(RequestState.PENDING, RequestState.APPROVED,
                RequestState.PROVISIONING)).stream().findFirst();
    }

    /** After a lost race, what refused this one (unavailable when the database fails now too). */
    @AckPath
    FileOutcome refusalOrUnavailable(String requesterId) {
        return refusalFor(requesterId).orElse(new FileOutcome.Unavailable());
    }

    /** {@link RequestFiling} applies the same rule when it files a request, in its own SQL. */
    private Optional<FileOutcome> refusalFor(String requesterId) {
        return requests.latestOf(requesterId).flatMap(latest -> {
            if (latest.state().isOpen()) {
                return Optional.of(new FileOutcome.AlreadyOpen(latest.id(), latest.state()));
            }
            if (latest.state() == RequestState.ACTIVE && !latest.dryRun()) {
                return Optional.of(new FileOutcome.AlreadyHasAccess(latest.id(), latest.iamUserName()));
            }
            return Optional.empty();
        });
    }

    private static String outcomeTag(FileOutcome outcome) {
        return switch (outcome) {
            case FileOutcome.Filed f -> "filed";
            case FileOutcome.ChangeFiled c -> "filed_change";
            case FileOutcome.AlreadyOpen o -> "refused_open";
            case FileOutcome.AlreadyHasAccess h -> "refused_has_access";
            case FileOutcome.TypeNotOffered t -> "refused_type";
            case FileOutcome.DurationNotOffered d -> "refused_duration";
            default -> "unavailable";
        };
    }

    /** The answer to "file a request for me". */
    public sealed interface FileOutcome {

        /** Stored; the approval message follows after the acknowledgement. */
        record Filed(long requestId, AccessType accessType) implements FileOutcome {
        }

        /** The person already has a request that is not finished. */
        record AlreadyOpen(long requestId, RequestState state) implements FileOutcome {
        }

        /** A holder's change of level is stored ({@code from}: the grant's level's name, {@code to}: the label). */
        record ChangeFiled(long requestId, long grantId, String from, String to) implements FileOutcome {
        }

        /** The person already has access through an earlier request ({@code level}: its level's name, or null). */
        record AlreadyHasAccess(long requestId, String iamUserName, String level) implements FileOutcome {

            public AlreadyHasAccess(long requestId, String iamUserName) {
                this(requestId, iamUserName, null);
            }
        }

        /** An extension asked for a grant that is not the caller's (or not a grant). */
        record NotYours(long grantId) implements FileOutcome {
        }

        /** An extension of a grant that is not active (it ended, or never began). */
        record NothingToExtend(long grantId, RequestState state) implements FileOutcome {
        }

        /** A change to a level that does not offer the grant's access type ({@code offered}: the ones it does). */
        record TypeNotOffered(String level, AccessType type, Set<AccessType> offered) implements FileOutcome {
        }

        /** The duration is not one the grant's level offers ({@code choices}, as people read them). */
        record DurationNotOffered(String choices) implements FileOutcome {
        }

        /** The database did not answer in time; nothing was stored. */
        record Unavailable() implements FileOutcome {
        }
    }

    /**
     * A job that filing a request also queues, in the filing's one statement: declared by the feature whose job it is
     * (one this package does not know), so that the request and everything that follows from it commit together.
     */
    public interface FilingFollowup {

        /** The job's type. */
        JobType<None> type();

        /** The job's subject is this, followed by the new request's id. */
        String subjectPrefix();

        /**
         * An SQL condition on which the job is queued, about the request's requester (the SQL expression
         * {@code requester}); it may read any table, but takes no parameters.
         */
        String condition(String requester);
    }

    /**
     * What a request may ask for (README, Settings): the access type when it names none, the durations offered and the
     * one when it names none. An extension offers the same durations.
     */
    public record RequestChoices(AccessType defaultAccess, List<GrantDuration> durations,
            GrantDuration defaultDuration) {

        /** The offered choice that {@code text} names, if any. */
        public Optional<GrantDuration> choice(String text) {
            return GrantDuration.parse(text).flatMap(d -> durations.stream()
                    .filter(c -> c.text().equals(d.text()) || c.length().equals(d.length())).findFirst());
        }

        /** The choices as people read them: {@code 1d, 7d, 30d, 90d, permanent}. */
        public String choicesText() {
            return String.join(", ", durations.stream().map(GrantDuration::text).toList());
        }
    }
}
