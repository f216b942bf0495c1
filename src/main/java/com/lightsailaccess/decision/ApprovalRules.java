package com.lightsailaccess.decision;

/**
 * How a request is approved: by {@code required} distinct admins, the requester never counting (with one, an admin
 * may approve their own request when {@code selfApprovalAllowed}). The approval message shows the count.
 */
public record ApprovalRules(boolean selfApprovalAllowed, int required) {
}
