package com.lightsailaccess.queue;

/** The kinds of durable work. Each has one {@link JobHandler}. */
public enum JobKind {
    /** Post the approval message for a new request to the approval channel. */
    POST_APPROVAL_MESSAGE,
    /** Show a request's current state on its approval message (chat.update, retried on 429). */
    UPDATE_APPROVAL_MESSAGE,
    /** Post a notice to the approval channel, a DM, or an answer through a response_url (never a secret). */
    NOTIFY,
    /** Create the IAM user, its credentials and group membership, then deliver the credentials once. */
    PROVISION,
    /** Update the approval message and tell the requester about a denial or a cancellation. */
    ANNOUNCE_DECISION,
    /** Take access away: remove from the group, or delete the IAM user ({@code payload} = {@code delete}). */
    REVOKE,
    /** A Slack account was deactivated: confirm with users.info, then revoke or cancel. */
    HANDLE_DEPARTURE,
    /** An approved extension: the grant's end moves; no new credentials. */
    APPLY_EXTENSION,
    /** Timer: a grant's end. When due, the grant is removed from the group as an expiry. */
    EXPIRE,
    /** Timer: the one reminder before a grant's end, with Extend and Give back. */
    REMIND,
    /** Recurring: compare the Lightsail group, the ledger and Slack accounts; check for dormant credentials. */
    RECONCILE,
    /** An admin chose "Remove from group" for a member that no grant accounts for. */
    REMOVE_MEMBER,
    /** The first look at a group the bot never saw: one summary of its members nobody granted, with their CSV. */
    POST_MEMBER_SUMMARY,
    /** An admin chose "Remove all" on a first look's summary. */
    REMOVE_MEMBERS,
    /** An admin's {@code /lightsail-audit}: the matching audit events as a CSV, uploaded into their DM. */
    EXPORT_AUDIT,
    /** Reveal once: the requester clicked Show credentials; create them and show them in the modal. */
    REVEAL,
    /** Timer: the end of a Show credentials button's window; an offer not revealed by then closes. */
    CLOSE_REVEAL,
    /** Publish one person's App Home tab (views.publish), read from the database when it runs. */
    PUBLISH_HOME,
    /** A request changed: queue a Home publish for its requester and the admins who opened the Home tab. */
    HOME_CHANGED
}
