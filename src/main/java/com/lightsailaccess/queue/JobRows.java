package com.lightsailaccess.queue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The job row as SQL, for a statement that files work together with the rows it follows from in one round trip
 * (a request filed on the acknowledgement path). The columns and what goes into them are the queue's alone, so such
 * a statement writes the row {@link JobQueue#enqueue} would write, and a column added to the job table is added here.
 */
public final class JobRows {

    /** The job table and the columns a new job sets; the others take the schema's defaults. */
    static final String TABLE_AND_COLUMNS =
            "job (kind, request_id, subject, payload, dedup_key, run_after, created_at)";

    private JobRows() {
    }

    /**
     * {@code insert into job ... select ... from <from>}: one job for every row of {@code from}. Its request is the
     * SQL expression {@code requestId} over that row, its subject the bound prefix followed by {@code subjectSuffix}
     * (an SQL expression, {@code ''} for none). Bind its parameters with {@link #bind}, in the place where the
     * statement's text has this part.
     */
    public static String insertSelect(String requestId, String subjectSuffix, String from) {
        return "insert into " + TABLE_AND_COLUMNS + " select ?, " + requestId + ", ? || " + subjectSuffix
                + ", ?, ?, ?, ? from " + from;
    }

    /** Binds the parameters of one {@link #insertSelect} from index {@code i} on; returns the index after them. */
    public static <P extends Record> int bind(PreparedStatement statement, int i, JobType<P> type,
            String subjectPrefix, P payload, Instant now) throws SQLException {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        statement.setString(++i, type.name());
        statement.setString(++i, subjectPrefix);
        statement.setString(++i, Job.encode(payload));
        statement.setString(++i, null);
        statement.setObject(++i, at);
        statement.setObject(++i, at);
        return i;
    }
}
