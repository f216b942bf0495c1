package com.lightsailaccess.model;

import com.lightsailaccess.model.RequestState.IllegalTransitionException;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One request for Lightsail access, from the slash command to its end. Moves only through {@link #moveTo}. Its
 * queries are {@link AccessRequestRepository}'s, named in {@code META-INF/orm.xml}.
 */
@Entity
@Table(name = "access_request")
public class AccessRequest implements GrantTimes, RevealOnce {

    static final String GRANT = "grant";
    static final String EXTENSION = "extension";
    static final String CHANGE = "change";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Embedded
    private Requester requester;

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

    /** Null when every column is (no IAM user yet). */
    @Embedded
    private IamUser iamUser;

    /** Null when every column is (not posted yet). */
    @Embedded
    private ApprovalPost approvalPost;

    @Column(name = "response_url")
    private String responseUrl;

    /** Null when every column is (not decided yet). */
    @Embedded
    private Decided decided;

    @Column(name = "failure_reason")
    private String failureReason;

    /** {@code grant}, or {@code extension} of the grant {@link #extendsRequestId}. */
    @Column(name = "kind", nullable = false)
    private String kind = GRANT;

    @Column(name = "extends_request_id")
    private Long extendsRequestId;

    /** The access level's name; null for one filed without a levels file (the default level). */
    @Column(name = "level")
    private String level;

    /** Its time: duration, end, reminder, dormancy. Null when every column is. */
    @Embedded
    private GrantTerm term;

    /** Reveal once's offer. Null when every column is (no offer ever). */
    @Embedded
    private RevealOffer reveal;

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
        request.term = GrantTerm.asked(duration);
        request.requester = requester;
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
        this.decided = new Decided(adminId, now);
    }

    public void recordApprovalMessage(String channel, String ts) {
        this.approvalPost = new ApprovalPost(channel, ts);
    }

    public void recordFailure(String reason) {
        this.failureReason = reason;
    }

    public void recordIamUser(String name, boolean dryRun) {
        this.iamUser = IamUser.of(iamUser).named(name);
        this.dryRun = dryRun;
    }

    /** An extension of {@code grant}: a request like any other, for a further {@code duration}. */
    public static AccessRequest extension(AccessRequest grant, GrantDuration duration, String reason, Instant now) {
        AccessRequest request = file(grant.requester(), grant.accessType, duration, reason, null, now);
        request.kind = EXTENSION;
        request.extendsRequestId = grant.id;
        request.level = grant.level;
        return request;
    }

    /**
     * A change of {@code grant} to another access level, asked for by its holder: on approval the IAM user moves to
     * that level's group, keeping its credentials, and the grant runs for {@code duration} from then.
     */
    public static AccessRequest change(AccessRequest grant, String level, GrantDuration duration, String reason,
            Instant now) {
        AccessRequest request = file(grant.requester(), grant.accessType, duration, reason, null, now);
        request.kind = CHANGE;
        request.extendsRequestId = grant.id;
        request.level = level;
        return request;
    }

    /** The request asks for the access level {@code name} (null: the default level, no levels file). */
    public AccessRequest atLevel(String name) {
        this.level = name;
        return this;
    }

    /** An approved change of level: the grant is now at {@code name}, for {@code duration} from {@code now}. */
    public void changeLevel(String name, GrantDuration duration, Instant now) {
        this.level = name;
        this.term = term().restarted(duration, duration.permanent() ? null
                : now.plus(duration.length().orElseThrow()));
    }

    /** The grant's clock starts when it is approved. */
    public void startClock(Instant approvedAt) {
        Long seconds = term().durationSeconds();
        this.term = term().endingAt(seconds == null ? null : approvedAt.plusSeconds(seconds));
    }

    /** An approved extension: the end moves on by its duration (from now, if the end already passed). */
    public void extendBy(GrantDuration more, Instant now) {
        Instant end = term().endsAt();
        if (more.permanent()) {
            this.term = term().endingAt(null);
        } else if (end != null) {
            Instant from = end.isBefore(now) ? now : end;
            this.term = term().endingAt(from.plus(more.length().orElseThrow()));
        }
    }

    /** Reveal once: the DM with the Show credentials button went out ({@code channel}, {@code ts}). */
    public void recordOffer(String channel, String ts, Instant at) {
        this.reveal = new RevealOffer(at, channel, ts, null, null);
    }

    /** The offer ends without a reveal (the grant failed): a Retry makes a new one, with a window of its own. */
    public void clearOffer() {
        this.reveal = revealOffer().cleared();
    }

    /** A click is revealing the credentials now; {@code null} frees the offer again. */
    public void recordRevealClaim(Instant at) {
        this.reveal = revealOffer().claimed(at);
    }

    public void recordRevealed(Instant at) {
        this.reveal = revealOffer().revealed(at);
    }

    /** How an active grant ended, when it was not an admin's revocation: expired, given back, dormant. */
    public void recordEnded(String how) {
        this.term = term().ended(how);
    }

    public void recordReminded(Instant forEnd) {
        this.term = term().reminded(forEnd);
    }

    public void recordDormantAsked(Instant at) {
        this.term = term().dormantAsked(at);
    }

    /** The holder answered "still needed": the dormancy clock starts again. */
    public void recordKept(Instant at) {
        this.term = term().kept(at);
    }

    /** The bot created the IAM user again (under the same name): it exists, whatever was deleted before. */
    public void recordIamUserCreated() {
        // With no IAM user recorded, nothing was deleted: writing an empty value over null would dirty the row.
        if (iamUser != null) {
            this.iamUser = iamUser.created();
        }
    }

    public Instant iamUserDeletedAt() {
        return IamUser.of(iamUser).deletedAt();
    }

    public Long id() {
        return id;
    }

    /** A grant of access (not an extension of one, nor a change of its level). */
    public boolean isGrant() {
        return GRANT.equals(kind);
    }

    public boolean isExtension() {
        return EXTENSION.equals(kind);
    }

    /** A holder's change of access level ({@link #extendsRequestId()} is the grant it changes). */
    public boolean isLevelChange() {
        return CHANGE.equals(kind);
    }

    /** The access level's name; null for the default level of a deployment without a levels file. */
    public String level() {
        return level;
    }

    public Long extendsRequestId() {
        return extendsRequestId;
    }

    @Override
    public GrantTerm term() {
        return GrantTerm.of(term);
    }

    @Override
    public RevealOffer revealOffer() {
        return RevealOffer.of(reveal);
    }

    public String requesterId() {
        return requester.slackUserId();
    }

    /** Where the request was typed: the workspace and, on Enterprise Grid, the organisation. */
    public Requester requester() {
        return requester;
    }

    public AccessType accessType() {
        return accessType;
    }

    public String reason() {
        return reason;
    }

    @Override
    public RequestState state() {
        return state;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public String iamUserName() {
        return IamUser.of(iamUser).name();
    }

    public String approvalChannel() {
        return ApprovalPost.of(approvalPost).channel();
    }

    public String approvalTs() {
        return ApprovalPost.of(approvalPost).ts();
    }

    public String responseUrl() {
        return responseUrl;
    }

    public String decidedBy() {
        return Decided.of(decided).by();
    }

    public Instant decidedAt() {
        return Decided.of(decided).at();
    }

    public String failureReason() {
        return failureReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "AccessRequest[#" + id + ", " + kind + ", " + requester.slackUserId() + ", " + accessType.word() + ", "
                + state.word() + "]";
    }
}
