package com.lightsailaccess.model;

import com.lightsailaccess.model.RequestState.IllegalTransitionException;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/**
 * One request for Lightsail access, from the slash command to its end. Moves only through {@link #moveTo}.
 * Queries are named, so Hibernate parses
 * them once at start-up rather than on the acknowledgement path (thirty clicks at once after a restart would
 * otherwise all parse the same query, for seconds, on two cores).
 */
@Entity
@Table(name = "access_request")
@NamedQuery(name = AccessRequest.LATEST_OF, query = "from AccessRequest r where r.requesterId = :requester "
        + "and r.kind = 'grant' order by r.createdAt desc, r.id desc")
@NamedQuery(name = AccessRequest.OPEN_EXTENSION_OF, query = "from AccessRequest r where r.extendsRequestId = :grant "
        + "and r.kind = 'extension' and r.state in :open")
@NamedQuery(name = AccessRequest.CURRENT_GRANT_OF, query = "select r.id from AccessRequest r "
        + "where r.requesterId = :requester and r.kind = 'grant' and r.dryRun = false and r.state in :current "
        + "order by r.createdAt desc, r.id desc")
@NamedQuery(name = AccessRequest.PENDING_OF, query = "select r.id from AccessRequest r "
        + "where r.requesterId = :requester and r.state = :pending")
@NamedQuery(name = AccessRequest.GRANTS_WITH_USER_OF, query = "select r.id from AccessRequest r "
        + "where r.requesterId = :requester and r.dryRun = false and r.iamUserName is not null "
        + "and r.iamUserDeletedAt is null order by r.createdAt desc, r.id desc")
@NamedQuery(name = AccessRequest.DELETED_GRANTS_OF, query = "from AccessRequest r where r.requesterId = :requester "
        + "and r.dryRun = false and r.iamUserDeletedAt is not null order by r.createdAt desc, r.id desc")
@NamedQuery(name = AccessRequest.GRANTS_WITH_USER_NAMED, query = "select r.id from AccessRequest r "
        + "where lower(r.iamUserName) = lower(:user) and r.dryRun = false and r.iamUserDeletedAt is null "
        + "order by r.createdAt desc, r.id desc")
@NamedQuery(name = AccessRequest.MARK_USER_DELETED, query = "update AccessRequest r set r.iamUserDeletedAt = :now "
        + "where lower(r.iamUserName) = lower(:user) and r.iamUserDeletedAt is null")
@NamedQuery(name = AccessRequest.LATEST_GRANT_OF_USER_NAMED, query = "select r.id from AccessRequest r "
        + "where lower(r.iamUserName) = lower(:user) and r.dryRun = false order by r.createdAt desc, r.id desc")
public class AccessRequest {

    static final String GRANT = "grant";
    static final String EXTENSION = "extension";

    public static final String LATEST_OF = "AccessRequest.latestOf";
    public static final String PENDING_OF = "AccessRequest.pendingOf";
    public static final String OPEN_EXTENSION_OF = "AccessRequest.openExtensionOf";
    public static final String CURRENT_GRANT_OF = "AccessRequest.currentGrantOf";
    public static final String GRANTS_WITH_USER_OF = "AccessRequest.grantsWithUserOf";
    public static final String GRANTS_WITH_USER_NAMED = "AccessRequest.grantsWithUserNamed";
    public static final String DELETED_GRANTS_OF = "AccessRequest.deletedGrantsOf";
    public static final String LATEST_GRANT_OF_USER_NAMED = "AccessRequest.latestGrantOfUserNamed";
    public static final String MARK_USER_DELETED = "AccessRequest.markUserDeleted";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "requester_id", nullable = false)
    private String requesterId;

    @Column(name = "team_id")
    private String teamId;

    @Column(name = "enterprise_id")
    private String enterpriseId;

    @Convert(converter = AccessTypeColumn.class)
    @Column(name = "access_type", nullable = false)
    private AccessType accessType;

    @Column(name = "reason", nullable = false)
    private String reason;

    @Convert(converter = StateColumn.class)
    @Column(name = "state", nullable = false)
    private RequestState state;

    @Column(name = "dry_run", nullable = false)
    private boolean dryRun;

    @Column(name = "iam_user_name")
    private String iamUserName;

    @Column(name = "approval_channel")
    private String approvalChannel;

    @Column(name = "approval_ts")
    private String approvalTs;

    @Column(name = "response_url")
    private String responseUrl;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "iam_user_deleted_at")
    private Instant iamUserDeletedAt;

    /** {@code grant}, or {@code extension} of the grant {@link #extendsRequestId}. */
    @Column(name = "kind", nullable = false)
    private String kind = GRANT;

    @Column(name = "extends_request_id")
    private Long extendsRequestId;

    @Column(name = "duration_seconds")
    private Long durationSeconds;

    @Column(name = "ends_at")
    private Instant endsAt;

    @Column(name = "ended_how")
    private String endedHow;

    @Column(name = "reminded_for")
    private Instant remindedFor;

    @Column(name = "dormant_asked_at")
    private Instant dormantAskedAt;

    @Column(name = "kept_at")
    private Instant keptAt;

    @Column(name = "reveal_offered_at")
    private Instant revealOfferedAt;

    @Column(name = "offer_channel")
    private String offerChannel;

    @Column(name = "offer_ts")
    private String offerTs;

    @Column(name = "reveal_claimed_at")
    private Instant revealClaimedAt;

    @Column(name = "revealed_at")
    private Instant revealedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AccessRequest() {
    }

    public static AccessRequest file(Requester requester, AccessType type, GrantDuration duration, String reason,
            String responseUrl, Instant now) {
        AccessRequest request = new AccessRequest();
        request.durationSeconds = duration.seconds();
        request.requesterId = requester.slackUserId();
        request.teamId = requester.teamId();
        request.enterpriseId = requester.enterpriseId();
        request.accessType = type;
        request.reason = reason;
        request.responseUrl = responseUrl;
        request.state = RequestState.PENDING;
        request.createdAt = now;
        request.updatedAt = now;
        return request;
    }

    /** The one way a request changes state; a move the state machine does not allow throws. */
    public void moveTo(RequestState next, Instant now) {
        if (!state.canMoveTo(next)) {
            throw new IllegalTransitionException(id == null ? 0 : id, state, next);
        }
        state = next;
        updatedAt = now;
    }

    public void recordDecision(String adminId, Instant now) {
        this.decidedBy = adminId;
        this.decidedAt = now;
    }

    public void recordApprovalMessage(String channel, String ts) {
        this.approvalChannel = channel;
        this.approvalTs = ts;
    }

    public void recordFailure(String reason) {
        this.failureReason = reason;
    }

    public void recordIamUser(String name, boolean dryRun) {
        this.iamUserName = name;
        this.dryRun = dryRun;
    }

    public void recordIamUserDeleted(Instant now) {
        this.iamUserDeletedAt = now;
    }

    /** An extension of {@code grant}: a request like any other, for a further {@code duration}. */
    public static AccessRequest extension(AccessRequest grant, GrantDuration duration, String reason, Instant now) {
        AccessRequest request = file(grant.requester(), grant.accessType, duration, reason, null, now);
        request.kind = EXTENSION;
        request.extendsRequestId = grant.id;
        return request;
    }

    /** The grant's clock starts when it is approved. */
    public void startClock(Instant approvedAt) {
        this.endsAt = durationSeconds == null ? null : approvedAt.plusSeconds(durationSeconds);
    }

    /** An approved extension: the end moves on by its duration (from now, if the end already passed). */
    public void extendBy(GrantDuration more, Instant now) {
        if (more.permanent()) {
            this.endsAt = null;
        } else if (endsAt != null) {
            Instant from = endsAt.isBefore(now) ? now : endsAt;
            this.endsAt = from.plus(more.length().orElseThrow());
        }
    }

    /** Reveal once: the DM with the Show credentials button went out ({@code channel}, {@code ts}). */
    public void recordOffer(String channel, String ts, Instant at) {
        this.offerChannel = channel;
        this.offerTs = ts;
        this.revealOfferedAt = at;
        this.revealClaimedAt = null;
        this.revealedAt = null;
    }

    /** The offer ends without a reveal (the grant failed): a Retry makes a new one, with a window of its own. */
    public void clearOffer() {
        this.revealOfferedAt = null;
        this.revealClaimedAt = null;
    }

    /** Reveal once: the requester has a Show credentials button that has not been used yet. */
    public boolean awaitingReveal() {
        return state == RequestState.PROVISIONING && revealOfferedAt != null && revealedAt == null;
    }

    /** A click is revealing the credentials now; {@code null} frees the offer again. */
    public void recordRevealClaim(Instant at) {
        this.revealClaimedAt = at;
    }

    public void recordRevealed(Instant at) {
        this.revealedAt = at;
    }

    public java.util.Optional<Instant> revealOfferedAt() {
        return java.util.Optional.ofNullable(revealOfferedAt);
    }

    public String offerChannel() {
        return offerChannel;
    }

    public String offerTs() {
        return offerTs;
    }

    public Instant revealClaimedAt() {
        return revealClaimedAt;
    }

    public Instant revealedAt() {
        return revealedAt;
    }

    /** How an active grant ended, when it was not an admin's revocation: expired, given back, dormant. */
    public void recordEnded(String how) {
        this.endedHow = how;
    }

    public void recordReminded(Instant forEnd) {
        this.remindedFor = forEnd;
    }

    public void recordDormantAsked(Instant at) {
        this.dormantAskedAt = at;
    }

    /** The holder answered "still needed": the dormancy clock starts again. */
    public void recordKept(Instant at) {
        this.keptAt = at;
        this.dormantAskedAt = null;
    }

    /** The bot created the IAM user again (under the same name): it exists, whatever was deleted before. */
    public void recordIamUserCreated() {
        this.iamUserDeletedAt = null;
    }

    public Instant iamUserDeletedAt() {
        return iamUserDeletedAt;
    }

    public Long id() {
        return id;
    }

    public boolean isExtension() {
        return EXTENSION.equals(kind);
    }

    public Long extendsRequestId() {
        return extendsRequestId;
    }

    public GrantDuration duration() {
        return GrantDuration.ofSeconds(durationSeconds);
    }

    /** The grant's end; empty when it has none (permanent, or not approved yet). */
    public java.util.Optional<Instant> endsAt() {
        return java.util.Optional.ofNullable(endsAt);
    }

    public String endedHow() {
        return endedHow;
    }

    public Instant remindedFor() {
        return remindedFor;
    }

    public Instant dormantAskedAt() {
        return dormantAskedAt;
    }

    public Instant keptAt() {
        return keptAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String requesterId() {
        return requesterId;
    }

    public String teamId() {
        return teamId;
    }

    /** Where the request was typed: the workspace and, on Enterprise Grid, the organisation. */
    public Requester requester() {
        return new Requester(requesterId, teamId, enterpriseId);
    }

    public AccessType accessType() {
        return accessType;
    }

    public String reason() {
        return reason;
    }

    public RequestState state() {
        return state;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public String iamUserName() {
        return iamUserName;
    }

    public String approvalChannel() {
        return approvalChannel;
    }

    public String approvalTs() {
        return approvalTs;
    }

    public String responseUrl() {
        return responseUrl;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "AccessRequest[#" + id + ", " + kind + ", " + requesterId + ", " + accessType.word() + ", "
                + state.word() + "]";
    }

    @Converter
    static class StateColumn implements AttributeConverter<RequestState, String> {
        @Override
        public String convertToDatabaseColumn(RequestState state) {
            return state == null ? null : state.word();
        }

        @Override
        public RequestState convertToEntityAttribute(String column) {
            return column == null ? null : RequestState.valueOf(column.toUpperCase(Locale.ROOT));
        }
    }

    @Converter
    static class AccessTypeColumn implements AttributeConverter<AccessType, String> {
        @Override
        public String convertToDatabaseColumn(AccessType type) {
            return type == null ? null : type.word();
        }

        @Override
        public AccessType convertToEntityAttribute(String column) {
            return column == null ? null : AccessType.parse(column).orElseThrow();
        }
    }
}
