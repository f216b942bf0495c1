package com.lightsailaccess.testing;

import com.lightsailaccess.queue.Workers;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL against the test database, to check what was stored without going through the code under test. */
@ApplicationScoped
public class Db {

    private final AgroalDataSource dataSource;

    public Db(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Empties the tables. Request ids start at 1 again, but job ids go on: a job of the last test still running when
     * this happens must find its row gone, not a new job with its old id.
     */
    public void reset() {
        // The worker finishes what it runs first: a job of the last test must not write into the next one.
        if (!Workers.pauseWhenIdle(Duration.ofSeconds(20))) {
            throw new AssertionError("jobs of the last test were still running after 20 s");
        }
        try {
            long lastJob = count("select last_value from job_id_seq");
            update("truncate access_request, audit_event, job, slack_delivery restart identity cascade");
            update("truncate home_viewer");
            single("select setval('job_id_seq', ?)", lastJob);
        } finally {
            Workers.resume();
        }
    }

    /**
     * Holds {@code lock table <table> in access exclusive mode} in a transaction of its own until closed: every
     * statement on the table, plain reads included, waits meanwhile (a database that does not answer).
     */
    public AutoCloseable lockTable(String table) throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("lock table " + table + " in access exclusive mode");
        }
        return () -> {
            try (c) {
                c.rollback();
            }
        };
    }

    public long count(String sql, Object... args) {
        return ((Number) single(sql, args)).longValue();
    }

    public Object single(String sql, Object... args) {
        List<List<Object>> rows = rows(sql, args);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + rows.size());
        }
        return rows.get(0).get(0);
    }

    public List<List<Object>> rows(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(r.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every text value in every table of the schema, for secret searches. */
    public String dumpAllText() {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public'")) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet r = s.executeQuery("select * from \"" + table + "\"")) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(r.getString(i)).append('\n');
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
