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

    public Object single(String sql, Object... args) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row. */
    public List<Object> rows(String sql, Object... args) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
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
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        slack.stop();
        iamServer.stop();
        postgres.close();
    }
}
