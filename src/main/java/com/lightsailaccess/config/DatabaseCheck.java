package com.lightsailaccess.config;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether the configured PostgreSQL can be used, in words that name the setting to fix and the host and port that
 * were tried. Never repeats the URL itself (it may carry a password parameter) nor anything the server said.
 */
final class DatabaseCheck {

    /**
     * What application.properties gives {@code quarkus.datasource.jdbc.url} when {@code QUARKUS_DATASOURCE_JDBC_URL}
     * is not set. Without any URL Quarkus would switch the datasource off, and Hibernate ORM would then stop start-up
     * with a stack trace before this check could run; this stand-in (the reserved {@code .invalid} domain, never
     * resolved) keeps it on until {@link StartupCheck} reports it as missing.
     */
    static final String UNSET_URL = "jdbc:postgresql://quarkus-datasource-jdbc-url.unset.invalid/lightsail";

    private static final String EXAMPLE = "jdbc:postgresql://db.example.com:5432/lightsail";
    private static final int CONNECT_SECONDS = 3;

    private DatabaseCheck() {
    }

    static List<String> problems(Optional<String> configuredUrl, Optional<String> username,
            Optional<String> password) {
        String url = configuredUrl.map(String::trim).orElse("");
        if (url.isEmpty() || url.equals(UNSET_URL)) {
            return List.of("QUARKUS_DATASOURCE_JDBC_URL is missing: the PostgreSQL database, for example " + EXAMPLE
                    + " (with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD)");
        }
        Properties parsed = url.startsWith("jdbc:postgresql:")
                ? org.postgresql.Driver.parseURL(url, new Properties()) : null;
        if (parsed == null) {
            return List.of("QUARKUS_DATASOURCE_JDBC_URL must be a PostgreSQL JDBC URL such as " + EXAMPLE);
        }
        String where = hostsAndPorts(parsed);
        Properties props = new Properties();
        username.ifPresent(u -> props.setProperty("user", u));
        password.ifPresent(p -> props.setProperty("password", p));
        props.setProperty("connectTimeout", String.valueOf(CONNECT_SECONDS));
        props.setProperty("loginTimeout", String.valueOf(CONNECT_SECONDS + 2));
        props.setProperty("socketTimeout", String.valueOf(CONNECT_SECONDS + 2));
        props.setProperty("ApplicationName", "lightsail-access start-up check");
        try (Connection connection = new org.postgresql.Driver().connect(url, props)) {
            return List.of();
        } catch (SQLException e) {
            return List.of(describe(e, where, parsed.getProperty("PGDBNAME", "")));
        }
    }

    private static String describe(SQLException e, String where, String database) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD: PostgreSQL at " + where
                    + " did not accept them (SQLState " + state + ")";
        }
        if (state.equals("3D000")) {
            return "QUARKUS_DATASOURCE_JDBC_URL names the database '" + database + "', which does not exist at "
                    + where;
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String why;
        if (cause instanceof UnknownHostException) {
            why = "unknown host";
        } else if (cause instanceof ConnectException) {
            why = "connection refused";
        } else if (cause instanceof NoRouteToHostException) {
            why = "no route to host";
        } else if (cause instanceof SocketTimeoutException) {
            why = "no answer within " + CONNECT_SECONDS + " s";
        } else if (state.startsWith("08")) {
            why = "connection failed, SQLState " + state;
        } else {
            return "QUARKUS_DATASOURCE_JDBC_URL: PostgreSQL at " + where + " could not be used (SQLState "
                    + (state.isEmpty() ? "none" : state) + ", " + cause.getClass().getSimpleName() + ")";
        }
        return "QUARKUS_DATASOURCE_JDBC_URL: no PostgreSQL answers at " + where + " (" + why
                + "); is it running, and are the host and port right?";
    }

    /** {@code host:port}, or several of them for a multi-host URL. */
    private static String hostsAndPorts(Properties parsed) {
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            if (i > 0) {
                where.append(", ");
            }
            where.append(hosts[i]).append(':').append(i < ports.length ? ports[i] : "5432");
        }
        return where.toString();
    }
}
