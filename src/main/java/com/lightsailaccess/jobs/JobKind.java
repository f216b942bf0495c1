package com.lightsailaccess.jobs;

/** The kinds of durable work. Each has one {@link JobHandler}. */
public enum JobKind {
    /** Post the approval message for a new request to the approval channel. */
    POST_APPROVAL_MESSAGE,
    /** Create the IAM user, its credentials and group membership, then deliver the credentials once. */
    PROVISION,
    /** Tell the requester and the channel that a request was denied. */
    ANNOUNCE_DENIAL,
    /** Take access away: remove from the group, or delete the IAM user. */
    REVOKE
}
