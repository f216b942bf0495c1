package com.lightsailaccess.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The database part of the start-up message: which variable to fix, where it looked, never a secret. */
class DatabaseCheckTest {

    static final Optional<String> USER = Optional.of("postgres");
    static final Optional<String> PASSWORD = Optional.of("pg-password-never-shown");

    @Test
    void anUnsetUrlIsReportedAsMissingByItsVariable() {
        for (Optional<String> unset : List.of(Optional.<String>empty(), Optional.of(DatabaseCheck.UNSET_URL))) {
            List<String> problems = DatabaseCheck.problems(unset, USER, PASSWORD);
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("QUARKUS_DATASOURCE_JDBC_URL is missing"), problems.get(0));
        }
    }

    @Test
    void aUrlThatIsNotPostgresIsNamedWithoutRepeatingIt() {
        List<String> problems = DatabaseCheck.problems(Optional.of("jdbc:mysql://db/app?password=hunter2"), USER,
                PASSWORD);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("QUARKUS_DATASOURCE_JDBC_URL must be a PostgreSQL JDBC URL"),
                problems.get(0));
        assertFalse(problems.get(0).contains("hunter2"));
    }

    @Test
    void anUnreachableDatabaseIsNamedByVariableHostAndPort() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<String> problems = DatabaseCheck.problems(
                Optional.of("jdbc:postgresql://127.0.0.1:" + closed + "/lightsail?password=in-the-url"), USER,
                PASSWORD);
        assertEquals(1, problems.size());
        String problem = problems.get(0);
        assertTrue(problem.startsWith("QUARKUS_DATASOURCE_JDBC_URL: no PostgreSQL answers at 127.0.0.1:" + closed
                + " (connection refused)"), problem);
        assertFalse(problem.contains("in-the-url") || problem.contains(PASSWORD.get()), problem);
    }

    @Test
    void aReachableDatabaseIsNoProblemAndAMissingOneIsNamed() throws IOException {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            assertEquals(List.of(), DatabaseCheck.problems(Optional.of(pg.getJdbcUrl("postgres", "postgres")),
                    USER, PASSWORD));
            List<String> problems = DatabaseCheck.problems(Optional.of(pg.getJdbcUrl("postgres", "nosuchdb")),
                    USER, PASSWORD);
            assertEquals(List.of("QUARKUS_DATASOURCE_JDBC_URL names the database 'nosuchdb', which does not exist "
                    + "at localhost:" + pg.getPort()), problems);
        }
    }
}
