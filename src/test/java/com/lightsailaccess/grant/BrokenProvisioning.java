package com.lightsailaccess.grant;

import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusMock;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provisioning handler that throws an Error every time, and records how it was told of the give-up: for the
 * queue's tests of a handler that breaks (the handler itself is grant's own).
 */
public final class BrokenProvisioning extends ProvisionAccess {

    /** For each give-up, whether it was told inside a transaction. */
    public final List<Boolean> giveUpsInATransaction = new CopyOnWriteArrayList<>();

    private BrokenProvisioning() {
        super(null, null, null, null, null, null, null, null, null, null);
    }

    /** Replaces the provisioning handler of the running application for the current test. */
    public static BrokenProvisioning install() {
        BrokenProvisioning broken = new BrokenProvisioning();
        QuarkusMock.installMockForType(broken, ProvisionAccess.class);
        return broken;
    }

    static boolean inATransaction() {
        try {
            return Arc.container().instance(TransactionManager.class).get().getStatus()
                    != Status.STATUS_NO_TRANSACTION;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public JobResult run(Job job) {
        throw new StackOverflowError("a bug deep down");
    }

    @Override
    public int maxAttempts() {
        return 2;
    }

    @Override
    public void giveUp(Job job, String reason) {
        giveUpsInATransaction.add(inATransaction());
    }
}
