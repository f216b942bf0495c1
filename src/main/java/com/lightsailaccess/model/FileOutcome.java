package com.lightsailaccess.model;

/** The answer to "file a request for me". */
public sealed interface FileOutcome {

    /** Stored; the approval message follows after the acknowledgement. */
    record Filed(long requestId, AccessType accessType) implements FileOutcome {
    }

    /** The person already has a request that is not finished. */
    record AlreadyOpen(long requestId, RequestState state) implements FileOutcome {
    }

    /** The person already has access through an earlier request. */
    record AlreadyHasAccess(long requestId, String iamUserName) implements FileOutcome {
    }

    /** An extension asked for a grant that is not the caller's (or not a grant). */
    record NotYours(long grantId) implements FileOutcome {
    }

    /** An extension of a grant that is not active (it ended, or never began). */
    record NothingToExtend(long grantId, RequestState state) implements FileOutcome {
    }

    /** The database did not answer in time; nothing was stored. */
    record Unavailable() implements FileOutcome {
    }
}
