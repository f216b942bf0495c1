package com.lightsailaccess.reconcile;

import io.quarkus.arc.Arc;

/** For tests of other features whose work reconciliation does: runs it soon, as its own tests do. */
public final class Reconciliations {

    private Reconciliations() {
    }

    /** Reconciliation is due now (queued if it is not). */
    public static void runSoon() {
        Arc.container().instance(ReconcileService.class).get().runSoon();
    }
}
