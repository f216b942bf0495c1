package com.lightsailaccess.db;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One SQL statement on a pooled connection in auto-commit mode, so it commits on its own: no JTA transaction, no
 * Hibernate session, one round trip to the database. For the work every request does before its ack, where each
 * round trip is time the person waits (filing a request, de-duplicating a delivery). The statement has the time
 * limit of {@link AckPath}, and any failure comes out as {@link DatabaseUnavailableException}. Call it outside any
 * transaction: inside one, the pool would enlist the connection and refuse auto-commit, which also comes out as that
 * exception.
 */
@ApplicationScoped
public class AckPathStatement {

    private final AgroalDataSource dataSource;

    AckPathStatement(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T execute(String sql, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setQueryTimeout(Math.max(1, AckPathInterceptor.STATEMENT_TIMEOUT_MS / 1000));
                return work.run(statement);
            }
        } catch (SQLException | RuntimeException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    /** What runs a prepared statement: binds its parameters, executes it, reads its result. */
    @FunctionalInterface
    public interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
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
