package com.lightsailaccess.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack's Web API stood in by WireMock on a dynamic port; {@code SLACK_API_URL} points the real Bolt client at it,
 * so real HTTP is sent. Also serves the {@code response_url}s that test payloads carry.
 */
public class SlackApiResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOT_TOKEN = "xoxb-test-bot-token";
    public static final String SIGNING_SECRET = "test-signing-secret-0123456789";
    public static final String APPROVAL_CHANNEL = "C0APPROVAL";
    public static final String ADMIN = "UADMIN0001";
    public static final String OTHER_ADMIN = "UADMIN0002";
    public static final String TEAM = "T0TEAM";
    public static final String ADMIN_GROUP = "S0ADMINS";
    public static final String GROUP_ADMIN = "U0GROUPADMIN";
    public static final String LOG_FILE = "target/quarkus-test.log";

    private static final FakeSlack FAKE = new FakeSlack();
    private static final AtomicLong RESPONSE_URLS = new AtomicLong();
    private static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = newServer(wireMockConfig().dynamicPort());
            server.start();
        }
        resetToDefaults();
        Map<String, String> config = new HashMap<>();
        config.put("slack.api-url", server.baseUrl() + "/api/");
        config.put("slack.bot-token", BOT_TOKEN);
        config.put("slack.signing-secret", SIGNING_SECRET);
        config.put("slack.approval-channel", APPROVAL_CHANNEL);
        config.put("lightsail.admins", ADMIN + "," + OTHER_ADMIN);
        config.put("lightsail.admin-usergroup", ADMIN_GROUP);
        config.put("lightsail.jobs.poll", "200ms");
        config.put("lightsail.aws-call-timeout", "PT1S");
        config.put("lightsail.iam-consistency-window", "PT5S");
        // Every test writes its log to a file, so tests can search it for secrets.
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", LOG_FILE);
        return config;
    }

    /** A WireMock server that behaves as Slack does ({@link FakeSlack}); not yet started. */
    public static WireMockServer newServer(WireMockConfiguration config) {
        return new WireMockServer(config.extensions(FAKE));
    }

    /** The stand-in's state: the messages and views as people see them. */
    public static FakeSlack fake() {
        return FAKE;
    }

    /** For {@link StandIns}: use a server started elsewhere. */
    static void useServer(WireMockServer standalone) {
        server = standalone;
    }

    /** For tests that run the bot as child processes. */
    public static void useServerForChildren(WireMockServer standalone) {
        server = standalone;
    }

    public static WireMockServer server() {
        return server;
    }

    /**
     * A fresh response_url, as Slack issues one with every command and click: it works 5 times within 30 minutes.
     * The path starts with {@code /respond/<name>-}, so tests can find what was said to whom.
     */
    public static String responseUrl(String name) {
        return responseUrl(name, Duration.ZERO);
    }

    /** A response_url issued {@code issuedAgo} ago (to try one that has run out). */
    public static String responseUrl(String name, Duration issuedAgo) {
        String path = "/respond/" + name + "-" + RESPONSE_URLS.incrementAndGet();
        FAKE.issueResponseUrl(path, issuedAgo);
        // Outside a @QuarkusTest (the packaged-jar test) nothing listens there, which is what that test wants.
        return (server == null ? "http://127.0.0.1:9" : server.baseUrl()) + path;
    }

    /** Every Web API method the bot uses answers {@code ok}; tests override what they need. */
    public static void resetToDefaults() {
        server.resetAll();
        FAKE.reset();
        server.stubFor(post(urlPathMatching("/api/.*")).atPriority(10).willReturn(okJson("{\"ok\":true}")));
        for (String method : List.of("chat.postMessage", "chat.update", "views.open", "views.update",
                "views.publish", "conversations.open", "files.getUploadURLExternal", "files.completeUploadExternal")) {
            server.stubFor(post(urlPathEqualTo("/api/" + method)).atPriority(9).willReturn(okJson("{\"ok\":true}")
                    .withTransformerParameter(FakeSlack.STATEFUL, true)));
        }
        server.stubFor(post(urlPathMatching(FakeSlack.UPLOAD_PATH + ".*")).atPriority(9).willReturn(aResponse()
                .withStatus(200).withTransformerParameter(FakeSlack.STATEFUL, true)));
        server.stubFor(post(urlPathEqualTo("/api/auth.test")).willReturn(okJson(
                "{\"ok\":true,\"team_id\":\"" + TEAM + "\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}")));
        server.stubFor(post(urlPathEqualTo("/api/users.info")).willReturn(okJson(
                "{\"ok\":true,\"user\":{\"id\":\"U0\",\"team_id\":\"" + TEAM + "\",\"name\":\"someone\","
                        + "\"deleted\":false,\"is_restricted\":false,\"is_ultra_restricted\":false,"
                        + "\"profile\":{\"email\":\"someone@example.com\"}}}")));
        server.stubFor(post(urlPathMatching("/respond/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        if (SocketModeServer.running()) {
            server.stubFor(post(urlPathEqualTo("/api/apps.connections.open")).willReturn(okJson(
                    "{\"ok\":true,\"url\":\"" + SocketModeServer.instance().url() + "\"}")));
        }
        server.stubFor(post(urlPathEqualTo("/api/usergroups.users.list")).willReturn(okJson(
                "{\"ok\":true,\"users\":[\"" + GROUP_ADMIN + "\"]}")));
    }

    /** users.info answers for this person with this e-mail (their IAM user name). */
    public static void person(String userId, String email) {
        server.stubFor(post(urlPathEqualTo("/api/users.info")).withRequestBody(
                containing("user=" + userId)).willReturn(okJson(
                "{\"ok\":true,\"user\":{\"id\":\"" + userId + "\",\"team_id\":\"" + TEAM + "\",\"name\":\"p\","
                        + "\"deleted\":false,\"profile\":{\"email\":\"" + email + "\"}}}")));
    }

    @Override
    public void stop() {
        // Kept for the whole JVM, like the database.
    }
}
