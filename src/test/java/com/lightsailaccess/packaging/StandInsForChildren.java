package com.lightsailaccess.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.SlackApiResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL, Slack and IAM for application instances started as child JVMs. */
public final class StandInsForChildren implements AutoCloseable {

    public final EmbeddedPostgres postgres;
    public final WireMockServer slack;
    public final WireMockServer iamServer;
    public final FakeIam iam = new FakeIam();
    private Connection connection;

    public StandInsForChildren() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        slack = SlackApiResource.newServer(wireMockConfig().dynamicPort().containerThreads(64));
        slack.start();
        SlackApiResource.useServerForChildren(slack);
        SlackApiResource.resetToDefaults();
        iamServer = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64).extensions(iam));
        iamServer.start();
        iamServer.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withTransformers(FakeIam.NAME)));
    }

    /** The environment of a bot instance wired to these stand-ins. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("SLACK_BOT_TOKEN", SlackApiResource.BOT_TOKEN);
        env.put("SLACK_SIGNING_SECRET", SlackApiResource.SIGNING_SECRET);
        env.put("SLACK_APPROVAL_CHANNEL", SlackApiResource.APPROVAL_CHANNEL);
        env.put("SLACK_API_URL", slack.baseUrl() + "/api/");
        env.put("LIGHTSAIL_ADMINS", SlackApiResource.ADMIN + "," + SlackApiResource.OTHER_ADMIN);
        env.put("AWS_ENDPOINT_URL_IAM", iamServer.baseUrl());
        env.put("AWS_ENDPOINT_URL_STS", iamServer.baseUrl());
        env.put("AWS_ACCESS_KEY_ID", "AKIDTESTBOT");
        env.put("AWS_SECRET_ACCESS_KEY", "test-bot-secret-key");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    public long count(String sql, Object... args) {
        Object value = single(sql, args);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The first column of the first row; null when there is none. */
    public Object single(String sql, Object... args) {
        List<Object> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /**
     * The first column of every row. The queries share one connection: each new one would start a PostgreSQL
     * backend process, and a benchmark polling every 200 ms would take processors from the bot it measures. When
     * the connection has gone (a test that restarted the server), the query runs once more on a new one.
     */
    public synchronized List<Object> rows(String sql, Object... args) {
        try {
            return query(sql, args);
        } catch (SQLException first) {
            closeConnection();
            try {
                return query(sql, args);
            } catch (SQLException e) {
                e.addSuppressed(first);
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs one statement that returns no rows, on the same connection as {@link #rows}; how many rows it changed. */
    public synchronized int update(String sql, Object... args) {
        try {
            if (connection == null) {
                connection = postgres.getPostgresDatabase().getConnection();
            }
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Adds {@code count} audit events in one statement (the trail refuses updates and deletes, not inserts), one a
     * second up to now: people's requests, admins' decisions and the bot's steps, with reasons of some length that
     * hold quotes and commas, as a busy trail has them. Then the planner's statistics are brought up to date.
     */
    public void addAuditEvents(int count) {
        update("""
                insert into audit_event (actor, action, detail, at)
                select case when g % 3 = 0 then 'bot' else 'U0' || lpad((g % 997)::text, 9, '0') end,
                       (array['requested', 'approved', 'provisioning started', 'iam: CreateUser', 'active',
                              'credentials delivered', 'revoked'])[g % 7 + 1],
                       'reason: the "blog" staging site ' || g || ', the shop, and the newsletter',
                       now() - make_interval(secs => ? - g)
                  from generate_series(1, ?) g
                """, count, count);
        update("analyze audit_event");
    }

    private List<Object> query(String sql, Object... args) throws SQLException {
        if (connection == null) {
            connection = postgres.getPostgresDatabase().getConnection();
        }
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                List<Object> out = new ArrayList<>();
                while (r.next()) {
                    out.add(r.getObject(1));
                }
                return out;
            }
        }
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // gone already
            }
            connection = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeConnection();
        slack.stop();
        iamServer.stop();
        postgres.close();
    }
}
