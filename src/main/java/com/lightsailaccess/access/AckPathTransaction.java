package com.lightsailaccess.access;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;

/**
 * A transaction on Slack's acknowledgement path. Slack allows 3 s for the answer, so each statement may take at
 * most {@link #STATEMENT_TIMEOUT_MS}; one that takes longer is cancelled, the transaction rolls back, and the
 * caller gets a {@link DatabaseUnavailableException} and can say "nothing was stored".
 */
@ApplicationScoped
public class AckPathTransaction {

    static final int STATEMENT_TIMEOUT_MS = 1000;

    private final EntityManager em;

    public AckPathTransaction(EntityManager em) {
        this.em = em;
    }

    /** Runs {@code work} in a new, bounded transaction; any failure comes out as DatabaseUnavailableException. */
    public <T> T call(Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().timeout(5).call(() -> {
                em.createNativeQuery("set local statement_timeout = " + STATEMENT_TIMEOUT_MS).executeUpdate();
                return work.get();
            });
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Whether a failure was the database refusing a row because of the named unique index or constraint. */
    public static boolean violated(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(constraint)) {
                return true;
            }
        }
        return false;
    }
}
