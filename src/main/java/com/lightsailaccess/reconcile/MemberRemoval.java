package com.lightsailaccess.reconcile;

/** An admin's "Remove from group" on a reconciliation finding: the finding, and the IAM user to remove. */
record MemberRemoval(long findingId, String member) {
}
