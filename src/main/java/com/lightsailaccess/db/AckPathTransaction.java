package com.lightsailaccess.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    private final AgroalDataSource dataSource;

    public AckPathTransaction(EntityManager em, AgroalDataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
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

    /**
     * One SQL statement on a pooled connection in auto-commit mode, so it commits on its own: no JTA transaction, no
     * Hibernate session, one round trip to the database. For the work every request does before its ack, where each
     * round trip is time the person waits. The statement has the same time limit as {@link #call(Supplier)}, and
     * any failure comes out as {@link DatabaseUnavailableException}. Call it outside any transaction: inside one,
     * the pool would enlist the connection and refuse auto-commit, which also comes out as that exception.
     */
    public <T> T statement(String sql, Statement<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(Math.max(1, STATEMENT_TIMEOUT_MS / 1000));
                return work.run(statement);
            }
        } catch (SQLException | RuntimeException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** What runs a prepared statement: binds its parameters, executes it, reads its result. */
    @FunctionalInterface
    public interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
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
