package com.lightsailaccess.reconcile;

import java.time.Duration;
import java.util.Optional;

/**
 * How often the group, the ledger and Slack accounts are compared, and when unused credentials count as dormant
 * (empty: never).
 */
record ReconcileSettings(Duration every, Optional<Duration> dormantAfter) {
}
