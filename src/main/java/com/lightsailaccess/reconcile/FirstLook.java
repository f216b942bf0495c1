package com.lightsailaccess.reconcile;

/** The summary of a first look at a group (its finding), and the group. */
record FirstLook(long summaryId, String group) {
}
