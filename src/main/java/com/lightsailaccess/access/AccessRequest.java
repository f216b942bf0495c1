package com.lightsailaccess.access;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
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

    public static final String LATEST_OF = "AccessRequest.latestOf";
    static final String PENDING_OF = "AccessRequest.pendingOf";
    static final String GRANTS_WITH_USER_OF = "AccessRequest.grantsWithUserOf";
    static final String GRANTS_WITH_USER_NAMED = "AccessRequest.grantsWithUserNamed";
    static final String DELETED_GRANTS_OF = "AccessRequest.deletedGrantsOf";
    static final String LATEST_GRANT_OF_USER_NAMED = "AccessRequest.latestGrantOfUserNamed";
    static final String MARK_USER_DELETED = "AccessRequest.markUserDeleted";

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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected AccessRequest() {
    }

    public static AccessRequest file(Requester requester, AccessType type, String reason, String responseUrl,
            Instant now) {
        AccessRequest request = new AccessRequest();
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
        return "AccessRequest[#" + id + ", " + requesterId + ", " + accessType.word() + ", " + state.word() + "]";
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
