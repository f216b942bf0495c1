package com.lightsailaccess.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonParser;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /lightsail-audit}: the answer with the newest events, and the CSV in the admin's DM through Slack's
 * external upload ({@link FakeSlack} holds the bytes exactly as uploaded), parsed back with commons-csv.
 */
@QuarkusTest
@BotTest
class AuditExportTest {

    static final String ALICE = Flow.ALICE;
    static final String BOB = "U0BOB";
    static final String BOB_IAM = "bob@example.com";
    static final String ADMIN = SlackApiResource.ADMIN;
    /** What a spreadsheet must keep in one cell: quotes, commas and a line break. */
    static final String TRICKY_REASON = "staging \"blog\", the shop, and\nthe newsletter";

    @Inject
    Db db;

    Flow flow;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        SlackApiResource.person(BOB, BOB_IAM);
    }

    static ValidatableResponse audit(String user, String text) {
        return Slack.send(Slack.command("/lightsail-audit", user, text)).statusCode(200)
                .body("response_type", equalTo("ephemeral"));
    }

    /** The one file shared after the command, waited for (10 s at most). */
    static FakeSlack.SharedFile awaitSharedFile() {
        return await().atMost(Duration.ofSeconds(10)).until(() -> SlackApiResource.fake().sharedFiles(),
                files -> !files.isEmpty()).get(0);
    }

    /** The CSV as a spreadsheet reads it: UTF-8 with a byte order mark, RFC 4180, a header line. */
    static List<CSVRecord> parse(FakeSlack.SharedFile file) throws IOException {
        String text = new String(file.content(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "a byte order mark, so Excel reads UTF-8");
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1)))) {
            assertEquals(List.of("time", "request id", "actor", "action", "detail"), parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    /** The audit events the database holds for {@code where}, before the export's own record, as CSV rows. */
    List<List<String>> expected(String where, Object... args) {
        long exportedAt = db.count("select coalesce(max(id), 0) from audit_event where action = 'audit exported'");
        List<Object> params = new ArrayList<>(List.of(args));
        params.add(exportedAt);
        List<List<String>> rows = new ArrayList<>();
        for (List<Object> r : db.rows("select at, request_id, actor, action, detail from audit_event where (" + where
                + ") and id < ? order by id", params.toArray())) {
            Instant at = r.get(0) instanceof OffsetDateTime o ? o.toInstant()
                    : ((Timestamp) r.get(0)).toInstant();
            rows.add(List.of(at.toString(), r.get(1) == null ? "" : r.get(1).toString(), (String) r.get(2),
                    (String) r.get(3), r.get(4) == null ? "" : (String) r.get(4)));
        }
        return rows;
    }

    static List<List<String>> rowsOf(List<CSVRecord> records) {
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord r : records) {
            assertEquals(5, r.size(), "five columns in every row: " + r);
            // Parsed as ISO-8601 in UTC, and compared as the instant it names.
            rows.add(List.of(Instant.parse(r.get("time")).toString(), r.get("request id"), r.get("actor"),
                    r.get("action"), r.get("detail")));
        }
        return rows;
    }

    static List<LoggedRequest> calls(String pathRegex) {
        return SlackApiResource.server().findAll(postRequestedFor(urlPathMatching(pathRegex)));
    }

    @Test
    void anAdminsAuditOfAPersonUploadsEveryOneOfTheirEventsAsACsvIntoTheAdminsDm() throws IOException {
        long alice = flow.grant(ALICE, "both for 7d " + TRICKY_REASON);
        long bob = flow.grant(BOB, "console for 7d bob's own reason");

        audit(ADMIN, "<@" + ALICE + "|alice>")
                .body("text", containsString("*Audit trail* for <@" + ALICE + ">"))
                .body("text", containsString("on its way to your direct messages"))
                .body("text", containsString("<@" + ADMIN + "> · *approved*"))
                // The reason, escaped once and on one line, in the answer too.
                .body("text", containsString("staging \"blog\", the shop, and ⏎ the newsletter"))
                .body("text", not(containsString("#" + bob + " ")));

        FakeSlack.SharedFile file = awaitSharedFile();
        assertEquals(FakeSlack.dmChannel(ADMIN), file.channel(), "shared into the admin's DM with the bot");
        assertTrue(file.filename().endsWith(".csv") && file.filename().contains(ALICE), file.filename());
        assertTrue(file.comment().contains("<@" + ALICE + ">"), file.comment());
        List<List<String>> rows = rowsOf(parse(file));
        List<List<String>> expected = expected("request_id in (select id from access_request where requester_id = ?) "
                + "or actor = ?", ALICE, ALICE);
        assertTrue(expected.size() > 5, "a grant leaves a trail: " + expected);
        assertEquals(expected, rows, "every one of Alice's events, in order, exactly as recorded");
        assertTrue(rows.stream().anyMatch(r -> r.get(1).equals(String.valueOf(alice)) && r.get(3).equals("requested")
                && r.get(4).endsWith("reason: " + TRICKY_REASON)), "the reason in one cell, as typed: " + rows);
        assertTrue(rows.stream().noneMatch(r -> r.get(1).equals(String.valueOf(bob))), "nothing of Bob's");
        assertTrue(rows.stream().anyMatch(r -> r.get(2).equals(ADMIN) && r.get(3).equals("approved")),
                "what admins did to her requests");

        // Slack's external upload, in its order, once each; the stand-in refused nothing.
        assertEquals(1, calls("/api/files.getUploadURLExternal").size());
        assertEquals(1, calls(FakeSlack.UPLOAD_PATH + ".*").size());
        assertEquals(1, calls("/api/files.completeUploadExternal").size());
        assertEquals(List.of(), SlackApiResource.fake().rejections());
        // The export is in the trail too: who read what.
        assertEquals(1, db.count("select count(*) from audit_event where actor = ? and action = 'audit exported' "
                + "and detail = ?", ADMIN, expected.size() + " events of Slack user " + ALICE));
    }

    @Test
    void aMentionOfAnAdminMatchesWhatTheyDidToOthersRequests() throws IOException {
        long alice = flow.grant(ALICE, "console x");
        audit(SlackApiResource.OTHER_ADMIN, "<@" + ADMIN + ">");
        FakeSlack.SharedFile file = awaitSharedFile();
        assertEquals(FakeSlack.dmChannel(SlackApiResource.OTHER_ADMIN), file.channel(), "the asking admin's DM");
        List<List<String>> rows = rowsOf(parse(file));
        assertEquals(expected("actor = ? or request_id in (select id from access_request where requester_id = ?)",
                ADMIN, ADMIN), rows);
        assertTrue(rows.stream().anyMatch(r -> r.get(1).equals(String.valueOf(alice)) && r.get(2).equals(ADMIN)
                && r.get(3).equals("approved")), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.get(2).equals(ADMIN)), "only what the admin did: " + rows);
    }

    @Test
    void withoutAFilterTheAnswerShowsTheLatestTwentyAndTheCsvHasThemAll() throws IOException {
        flow.grant(ALICE, "both first reason");
        flow.grant(BOB, "programmatic second reason");
        String answer = audit(ADMIN, "").extract().path("text");
        long exported = db.count("select max(id) from audit_event where action = 'audit exported'");
        long total = db.count("select count(*) from audit_event where id < ?", exported);
        assertTrue(total > 20, "enough events to cut: " + total);
        assertTrue(answer.contains(total + " events, the latest 20 below"), answer);
        assertEquals(20, answer.lines().filter(l -> l.startsWith("• ")).count(), answer);
        String newestAction = (String) db.single("select action from audit_event where id = (select max(id) "
                + "from audit_event where id < ?)", exported);
        assertTrue(answer.lines().filter(l -> l.startsWith("• ")).findFirst().orElseThrow()
                .contains("*" + newestAction + "*"), "newest first: " + answer);

        List<List<String>> rows = rowsOf(parse(awaitSharedFile()));
        assertEquals(expected("true"), rows);
        assertEquals(total, rows.size());
    }

    @Test
    void sinceLeavesOutOlderEventsAndAnIamUserNameMatchesThatUsersRequests() throws IOException {
        long alice = flow.grant(ALICE, "console old and new");
        flow.grant(BOB, "console bob");
        // An event from ten days ago (the trail refuses updates, so an old one is added as it would have been).
        db.update("insert into audit_event (request_id, actor, action, detail, at) values (?, ?, 'noted', "
                + "'ten days ago', now() - interval '10 days')", alice, ADMIN);

        audit(ADMIN, Flow.ALICE_IAM + " since 7d")
                .body("text", containsString("for IAM user `" + Flow.ALICE_IAM + "` in the last 7d"));
        List<List<String>> recent = rowsOf(parse(awaitSharedFile()));
        assertEquals(expected("request_id = ? and at >= now() - interval '7 days'", alice), recent);
        assertTrue(recent.stream().noneMatch(r -> r.get(4).equals("ten days ago")));
        assertTrue(recent.stream().anyMatch(r -> r.get(3).equals("active")), recent.toString());

        SlackApiResource.fake().reset();
        audit(ADMIN, "<mailto:" + Flow.ALICE_IAM + "|" + Flow.ALICE_IAM + "> since 30d");
        List<List<String>> month = rowsOf(parse(awaitSharedFile()));
        assertEquals(expected("request_id = ?", alice), month);
        assertTrue(month.stream().anyMatch(r -> r.get(4).equals("ten days ago")));
    }

    @Test
    void anOutsiderIsRefusedAndNothingIsUploaded() {
        flow.grant(ALICE, "console x");
        long before = db.count("select count(*) from audit_event");
        audit("U0RANDOM", "<@" + ALICE + ">").body("text", containsString("Only Lightsail Access admins"))
                .body("text", not(containsString("Audit trail")));
        audit(ALICE, "").body("text", containsString("Only Lightsail Access admins"));
        assertEquals(0, db.count("select count(*) from job where kind = 'EXPORT_AUDIT'"), "no export queued");
        assertEquals(before, db.count("select count(*) from audit_event"));
        assertEquals(List.of(), calls("/api/files\\..*"));
        assertEquals(List.of(), calls(FakeSlack.UPLOAD_PATH + ".*"));
        assertEquals(List.of(), calls("/api/conversations.open"));
    }

    @Test
    void badInputGetsAClearAnswerAndNothingIsUploaded() {
        flow.grant(ALICE, "console x");
        audit(ADMIN, "since forever").body("text", containsString("`forever` is not a duration"));
        audit(ADMIN, "<@" + ALICE + "> since").body("text", containsString("Usage: `/lightsail-audit"));
        audit(ADMIN, "<@" + ALICE + "> and bob").body("text", containsString("Usage: `/lightsail-audit"));
        audit(ADMIN, "not/a/user").body("text", containsString("neither a Slack mention nor a valid IAM user name"));
        audit(ADMIN, "since permanent").body("text", containsString("is not a duration"));
        assertEquals(0, db.count("select count(*) from job where kind = 'EXPORT_AUDIT'"));
        assertEquals(List.of(), calls("/api/files\\..*"));
    }

    @Test
    void noMatchingEventsSaysSoAndUploadsNothing() {
        flow.grant(ALICE, "console x");
        audit(ADMIN, "<@U0NOBODY>").body("text", containsString("No audit events for <@U0NOBODY>"));
        assertEquals(0, db.count("select count(*) from job where kind = 'EXPORT_AUDIT'"));
        assertEquals(List.of(), calls("/api/files\\..*"));
    }

    @Test
    void theCsvHoldsNoSecretOfAnyGrant() throws IOException {
        flow.grant(ALICE, "both keys and a password");
        List<String> secrets = IamResource.iam().secretsIssued();
        assertEquals(2, secrets.size(), "a password and a secret access key");
        audit(ADMIN, "");
        FakeSlack.SharedFile file = awaitSharedFile();
        String csv = new String(file.content(), StandardCharsets.UTF_8);
        String keyId = IamResource.iam().user(Flow.ALICE_IAM).keys.keySet().iterator().next();
        assertTrue(csv.contains(keyId), "the trail records the key's id (so this searches the right text)");
        for (String secret : secrets) {
            assertFalse(csv.contains(secret), "a password or a secret access key is in the CSV");
        }
        for (LoggedRequest r : calls("/api/(files|conversations)\\..*")) {
            for (String secret : secrets) {
                assertFalse(Slack.readable(r).contains(secret), "a secret went to " + r.getUrl());
            }
        }
    }

    @Test
    void slacksRateLimitOnTheUploadIsWaitedForAndTheCsvStillArrivesOnce() throws IOException {
        flow.grant(ALICE, "console x");
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/files.getUploadURLExternal")).atPriority(1)
                .inScenario("upload")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "1").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("open"));
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/files.getUploadURLExternal")).atPriority(1)
                .inScenario("upload").whenScenarioStateIs("open")
                .willReturn(okJson("{\"ok\":true}")
                        .withTransformerParameter(FakeSlack.STATEFUL, true)));
        audit(ADMIN, "<@" + ALICE + ">");
        List<List<String>> rows = rowsOf(parse(awaitSharedFile()));
        assertEquals(expected("request_id in (select id from access_request where requester_id = ?) or actor = ?",
                ALICE, ALICE), rows);
        assertEquals(2, calls("/api/files.getUploadURLExternal").size(), "the 429, then the upload");
        assertEquals(1, SlackApiResource.fake().sharedFiles().size());
    }

    @Test
    void anUploadSlackRefusesForGoodIsToldToTheAdmin() {
        flow.grant(ALICE, "console x");
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/files.getUploadURLExternal")).atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"file_uploads_disabled\"}")));
        audit(ADMIN, "").body("text", containsString("on its way"));
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(ADMIN).stream().map(Slack::readable)
                .anyMatch(dm -> dm.contains("could not be uploaded") && dm.contains("file_uploads_disabled")));
        assertEquals(1, calls("/api/files.getUploadURLExternal").size(), "not retried: it cannot succeed");
        assertEquals(List.of(), calls("/api/files.completeUploadExternal"));
        assertEquals(List.of(), SlackApiResource.fake().sharedFiles());
    }

    /**
     * The bot's files in the temporary directory that hold exactly {@code bytes}, with their permissions: looked for
     * while Slack's stand-in receives an upload, before the bot has its answer.
     */
    static Map<Path, Set<PosixFilePermission>> filesHolding(byte[] bytes) {
        Map<Path, Set<PosixFilePermission>> found = new HashMap<>();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (Files.size(f) == bytes.length && Arrays.equals(Files.readAllBytes(f), bytes)) {
                        found.put(f, Files.getPosixFilePermissions(f));
                    }
                } catch (IOException gone) {
                    // another program's file, gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    static void awaitExportFinished(Db db) {
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from job where kind = "
                + "'EXPORT_AUDIT' and finished_at is null") == 0);
    }

    @Test
    void aTrailOfManyDatabaseRoundTripsArrivesWholeAndInOrder() throws IOException {
        flow.grant(ALICE, "console " + TRICKY_REASON);
        // More events than the export reads in one round trip, with quotes, commas and line breaks among them.
        db.update("insert into audit_event (actor, action, detail, at) select 'U0BULK', 'noted', case when g % 3 = 0 "
                + "then 'said \"' || g || '\", then' || chr(13) || chr(10) || 'more' else 'event ' || g end, "
                + "now() - make_interval(secs => 5000 - g) from generate_series(1, 2345) g");
        audit(ADMIN, "").body("text", containsString("on its way"));
        List<List<String>> rows = rowsOf(parse(awaitSharedFile()));
        List<List<String>> expected = expected("true");
        assertTrue(expected.size() > 2345, "the bulk and the grant's events: " + expected.size());
        assertEquals(expected, rows, "every event, in order, exactly as recorded");
    }

    @Test
    void theCsvGoesThroughAnOwnerOnlyTemporaryFileThatIsDeletedOnceUploaded() throws IOException {
        flow.grant(ALICE, "console x");
        Map<Path, Set<PosixFilePermission>> seen = new ConcurrentHashMap<>();
        SlackApiResource.fake().onUpload(bytes -> seen.putAll(filesHolding(bytes)));
        audit(ADMIN, "<@" + ALICE + ">");
        FakeSlack.SharedFile file = awaitSharedFile();
        assertTrue(parse(file).size() > 5, "a CSV with her events");
        assertEquals(1, seen.size(), "the upload was read from one file on the bot's side: " + seen);
        Map.Entry<Path, Set<PosixFilePermission>> csv = seen.entrySet().iterator().next();
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), csv.getValue(),
                "only the bot's own user can read the trail: " + csv.getKey());
        awaitExportFinished(db);
        assertFalse(Files.exists(csv.getKey()), "deleted after the upload: " + csv.getKey());
    }

    @Test
    void theTemporaryFileIsDeletedAlsoWhenSlackRefusesToShareIt() {
        flow.grant(ALICE, "console x");
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/files.completeUploadExternal")).atPriority(1)
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_arguments\"}")));
        Map<Path, Set<PosixFilePermission>> seen = new ConcurrentHashMap<>();
        SlackApiResource.fake().onUpload(bytes -> seen.putAll(filesHolding(bytes)));
        audit(ADMIN, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(ADMIN).stream().map(Slack::readable)
                .anyMatch(dm -> dm.contains("could not be uploaded") && dm.contains("invalid_arguments")));
        awaitExportFinished(db);
        assertEquals(1, seen.size(), "the bytes were uploaded from one file: " + seen);
        Path csv = seen.keySet().iterator().next();
        assertFalse(Files.exists(csv), "deleted after the refusal: " + csv);
        assertEquals(List.of(), SlackApiResource.fake().sharedFiles());
    }

    /** The stand-in refuses what Slack refuses, so a green test above means the upload works against Slack. */
    @Test
    void theUploadStandInIsAsStrictAsSlack() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String api = SlackApiResource.server().baseUrl() + "/api/";
        String first = postForm(http, api + "files.getUploadURLExternal", "filename=a.csv&length=5");
        assertTrue(first.contains("\"ok\":true"), first);
        String uploadUrl = field(first, "upload_url");
        String fileId = field(first, "file_id");
        assertTrue(uploadUrl.startsWith(SlackApiResource.server().baseUrl() + FakeSlack.UPLOAD_PATH), uploadUrl);

        assertTrue(postForm(http, api + "files.getUploadURLExternal", "filename=a.csv&length=0")
                .contains("missing_argument"), "an empty file is refused");
        assertEquals(400, status(http, uploadUrl, "four"), "fewer bytes than announced");
        assertTrue(postForm(http, api + "files.completeUploadExternal", "files=" + enc("[{\"id\":\"" + fileId
                + "\"}]") + "&channel_id=D1").contains("file_not_found"), "not uploaded yet");
        assertEquals(200, status(http, uploadUrl, "five!"));
        assertEquals(400, status(http, uploadUrl, "five!"), "an upload URL works once");
        assertTrue(postForm(http, api + "files.completeUploadExternal", "files=" + enc("[{\"id\":\"F404\"}]")
                + "&channel_id=D1").contains("file_not_found"), "an id Slack never issued");
        assertTrue(postForm(http, api + "files.completeUploadExternal", "files=" + enc("[{\"id\":\"" + fileId
                + "\"}]") + "&channel_id=" + ADMIN).contains("channel_not_found"), "a user id is not a channel");
        assertTrue(postForm(http, api + "files.completeUploadExternal", "files=" + enc("[{\"id\":\"" + fileId
                + "\",\"title\":\"t\"}]") + "&channel_id=D1").contains("\"ok\":true"));
        assertTrue(postForm(http, api + "files.completeUploadExternal", "files=" + enc("[{\"id\":\"" + fileId
                + "\"}]") + "&channel_id=D1").contains("file_not_found"), "completed once only");
        assertEquals(1, SlackApiResource.fake().sharedFiles().size());
        assertEquals("five!", new String(SlackApiResource.fake().sharedFiles().get(0).content(),
                StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String postForm(HttpClient http, String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int status(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String field(String json, String name) {
        return JsonParser.parseString(json).getAsJsonObject().get(name).getAsString();
    }

}
