package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** An access key the bot created: its id, the grant it belongs to, and whether it reached the person. */
@Entity
@Table(name = "issued_key")
@NamedQuery(name = IssuedKey.DELIVERED_OF_GRANT, query = "select k.accessKeyId from IssuedKey k "
        + "where k.requestId = :request and k.deliveredAt is not null and k.deletedAt is null")
@NamedQuery(name = IssuedKey.UNDELIVERED, query = "select k.accessKeyId from IssuedKey k where k.requestId = :request "
        + "and k.deliveredAt is null and k.deletedAt is null")
@NamedQuery(name = IssuedKey.OF_GRANT, query = "select k.accessKeyId from IssuedKey k where k.requestId = :request "
        + "and k.deletedAt is null")
@NamedQuery(name = IssuedKey.HELD, query = "select k from IssuedKey k where k.requestId = :request "
        + "and k.deliveredAt is not null and k.deletedAt is null order by k.createdAt, k.accessKeyId")
@NamedQuery(name = IssuedKey.DELETED_WITH_USER, query = "update IssuedKey k set k.deletedAt = :now "
        + "where lower(k.iamUserName) = lower(:user) and k.deletedAt is null")
class IssuedKey {

    public static final String DELIVERED_OF_GRANT = "IssuedKey.deliveredOfGrant";
    public static final String UNDELIVERED = "IssuedKey.undelivered";
    public static final String OF_GRANT = "IssuedKey.ofGrant";
    public static final String DELETED_WITH_USER = "IssuedKey.deletedWithUser";
    public static final String HELD = "IssuedKey.held";

    @Id
    @Column(name = "access_key_id")
    private String accessKeyId;

    @Column(name = "request_id", nullable = false)
    private Long requestId;

    @Column(name = "iam_user_name", nullable = false)
    private String iamUserName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "replaced_by")
    private String replacedBy;

    @Column(name = "deactivated_at")
    private Instant deactivatedAt;

    @Column(name = "age_reminded_at")
    private Instant ageRemindedAt;

    @Column(name = "overdue_told_at")
    private Instant overdueToldAt;

    protected IssuedKey() {
    }

    public IssuedKey(String accessKeyId, long requestId, String iamUserName, Instant now) {
        this.accessKeyId = accessKeyId;
        this.requestId = requestId;
        this.iamUserName = iamUserName;
        this.createdAt = now;
    }

    public void delivered(Instant now) {
        this.deliveredAt = now;
    }

    public void deleted(Instant now) {
        this.deletedAt = now;
    }

    void replacedBy(String newer) {
        this.replacedBy = newer;
    }

    /** Inactive since {@code at}; null: active again. */
    void deactivated(Instant at) {
        this.deactivatedAt = at;
    }

    void ageReminded(Instant at) {
        this.ageRemindedAt = at;
    }

    void overdueTold(Instant at) {
        this.overdueToldAt = at;
    }

    AccessRequestRepository.HeldKey held() {
        return new AccessRequestRepository.HeldKey(accessKeyId, iamUserName, createdAt, replacedBy, deactivatedAt,
                ageRemindedAt, overdueToldAt);
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public Long requestId() {
        return requestId;
    }

    public String iamUserName() {
        return iamUserName;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }
}
