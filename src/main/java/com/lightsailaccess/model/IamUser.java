package com.lightsailaccess.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * The IAM user a grant made: its name (IAM's names ignore case) and when the bot learnt that it was deleted. A value:
 * a change makes a new one.
 */
@Embeddable
record IamUser(
        @Column(name = "iam_user_name") String name,
        @Column(name = "iam_user_deleted_at") Instant deletedAt) {

    /** No IAM user yet (Hibernate reads all-null columns as no value at all). */
    static final IamUser NONE = new IamUser(null, null);

    static IamUser of(IamUser user) {
        return user == null ? NONE : user;
    }

    IamUser named(String newName) {
        return new IamUser(newName, deletedAt);
    }

    /** Created again under the same name: it exists, whatever was deleted before. */
    IamUser created() {
        return new IamUser(name, null);
    }
}
