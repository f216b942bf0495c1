package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where the request's approval message is ({@code channel}, {@code ts}), so later updates edit it in place. */
@Embeddable
record ApprovalPost(
        @Column(name = "approval_channel") String channel,
        @Column(name = "approval_ts") String ts) {

    /** Not posted yet (Hibernate reads all-null columns as no value at all). */
    static final ApprovalPost NONE = new ApprovalPost(null, null);

    static ApprovalPost of(ApprovalPost post) {
        return post == null ? NONE : post;
    }
}
