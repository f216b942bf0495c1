package com.lightsailaccess.access;

/** An admin's "Remove from group" on a reconciliation finding: the finding, and the IAM user to remove. */
public record MemberRemoval(long findingId, String member) {
}
