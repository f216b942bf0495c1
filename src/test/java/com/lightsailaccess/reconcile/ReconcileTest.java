package com.lightsailaccess.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.reconcile.ReconcileService;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation compares IAM's Lightsail group, the bot's ledger and Slack's accounts: members nobody granted,
 * grants changed outside the bot, departures whose event was lost, and credentials nobody uses. Each run is made due
 * by the test (as at start-up); the tests wait for what it finds, with a bound.
 */
@QuarkusTest
@BotTest
@TestProfile(ReconcileTest.Reconciling.class)
class ReconcileTest {

    public static class Reconciling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Runs only when made due (start-up, or here); dormancy after a minute with 6 s to answer; a grant may
            // last 4 s, so that its end comes during a test.
            return Map.of("lightsail.reconcile-every", "1h", "lightsail.dormant-after", "60s",
                    "lightsail.dormant-grace", "6s", "lightsail.durations", "4s,30d,permanent");
        }
    }

    static final String ALICE = Flow.ALICE;
    static final String ALICE_IAM = Flow.ALICE_IAM;
    static final String GROUP = "LightsailFullAccessGroup";

    @Inject
    Db db;

    @Inject
    ReconcileService ledger;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
    }

    /** Runs reconciliation again and again (each run made due at once) until {@code outcome} holds, 30 s at most. */
    void reconcileUntil(Callable<Boolean> outcome) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ledger.runSoon();
            return outcome.call();
        });
    }

    long postsContaining(String text) {
        return Flow.approvalChannelPosts().stream().filter(p -> p.contains(text)).count();
    }

    /** Alice's grant, with the group created by it; her credentials count as used just now. */
    long aliceGranted() {
        long id = flow.grant(ALICE, "console work");
        iam.user(ALICE_IAM).passwordLastUsed = Instant.now();
        return id;
    }

    @Test
    void aMemberNobodyGrantedIsReportedOnceAcrossFiveThousandMembersAndPages() {
        long alice = aliceGranted();
        // 5,000 members in IAM's order: 4,998 that an admin has already looked at and kept, then Alice (granted) and
        // one newcomer added by hand, both on the last page. Only reading every page finds the newcomer, and Alice.
        String kept = ("insert into reconcile_finding (kind, subject, resolution, resolved_by)"
                + " select 'member-not-granted', 'aa-legacy-' || n, 'kept', 'UADMIN0001' from generate_series(1, 4998) n");
        db.update(kept);
        for (int n = 1; n <= 4998; n++) {
            iam.addUser("aa-legacy-" + n, "/", Map.of());
            iam.addToGroup("aa-legacy-" + n, GROUP);
        }
        iam.addUser("ZZ.Hand.Added", "/", Map.of());
        iam.addToGroup("ZZ.Hand.Added", GROUP);
        assertEquals(5000, iam.members(GROUP).size());

        reconcileUntil(() -> postsContaining("ZZ.Hand.Added") == 1);
        // One more whole run (every page again) reports nothing new.
        long pages = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() >= 2 * pages);
        assertEquals(1, postsContaining("ZZ.Hand.Added"), "reported once, however often reconciliation runs");
        assertEquals(0, postsContaining("aa-legacy-"), "a member an admin kept is not reported again");
        assertEquals("active", flow.state(alice), "Alice is on a later page, and still in the group");
        assertTrue(Flow.iamCalls("GetGroup").stream().anyMatch(c -> Flow.params(c).containsKey("Marker")),
                "the members were read page by page");
        assertEquals(1, db.count("select count(*) from audit_event where action = 'reconciliation: member-not-granted'"
                + " and detail like 'ZZ.Hand.Added%'"));
    }

    /** A group that predates the bot: three members nobody granted, one of them named like a formula. */
    void aGroupThatPredatesTheBot() {
        for (String member : List.of("old-one", "=old+two", "old-three")) {
            iam.addUser(member, "/", Map.of());
            iam.addToGroup(member, GROUP);
        }
    }

    /** The one CSV shared into the approval channel, as a spreadsheet reads it. */
    static List<List<String>> sharedList() throws IOException {
        FakeSlack.SharedFile file = await().atMost(Duration.ofSeconds(10))
                .until(() -> SlackApiResource.fake().sharedFiles(), files -> !files.isEmpty()).get(0);
        assertEquals(1, SlackApiResource.fake().sharedFiles().size());
        assertEquals(SlackApiResource.APPROVAL_CHANNEL, file.channel());
        String text = new String(file.content(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"), "a byte order mark, so Excel reads UTF-8");
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1)))) {
            assertEquals(List.of("iam user name"), parser.getHeaderNames());
            return parser.getRecords().stream().map(CSVRecord::toList).toList();
        }
    }

    @Test
    void theFirstLookAtAGroupTheBotNeverSawIsOneSummaryAndRemoveAllRemovesThemAll() throws IOException {
        aGroupThatPredatesTheBot();
        reconcileUntil(() -> postsContaining("First look at") == 1);
        assertEquals(0, postsContaining("never granted it"), "one summary, not one message per member");
        assertTrue(Flow.approvalChannelPosts().stream().anyMatch(p -> p.contains("3 members")));
        assertEquals(List.of(List.of("'=old+two"), List.of("old-one"), List.of("old-three")), sharedList(),
                "every member by name, a formula shown as text");
        // Later runs report none of them again.
        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2);
        assertEquals(1, postsContaining("First look at"));
        assertEquals(0, postsContaining("never granted it"));

        long summary = db.count("select id from reconcile_finding where kind = 'member-summary'");
        Slack.send(Flow.click(ALICE, "lightsail_remove_from_group", summary)).statusCode(200);
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_remove_from_group", summary)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> iam.members(GROUP).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> postsContaining("3 members were removed") == 1);
        assertEquals(3, Flow.iamCalls("RemoveUserFromGroup").size(), "the three, and nobody twice");
        assertEquals(0, postsContaining("was removed from"), "one outcome, not one per member");
        assertEquals(3, db.count("select count(*) from reconcile_finding where resolution = 'removed' "
                + "and resolved_by = ?", SlackApiResource.ADMIN));
    }

    @Test
    void keepAllOnAFirstLookKeepsThemAllAndALaterNewcomerIsReportedOnItsOwn() throws IOException {
        aGroupThatPredatesTheBot();
        reconcileUntil(() -> postsContaining("First look at") == 1);
        assertEquals(3, sharedList().size());
        long summary = db.count("select id from reconcile_finding where kind = 'member-summary'");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_keep_in_group", summary)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> db.count("select count(*) from reconcile_finding "
                + "where summary_id = ? and resolution = 'kept'", summary) == 3);

        iam.addUser("hand-new", "/", Map.of());
        iam.addToGroup("hand-new", GROUP);
        reconcileUntil(() -> postsContaining("hand-new") == 1);
        assertEquals(1, postsContaining("never granted it"), "the newcomer alone, with its own buttons");
        assertEquals(1, postsContaining("First look at"));
        assertEquals(3, iam.members(GROUP).size() - 1, "the kept members stay");
        assertEquals(List.of(), Flow.iamCalls("RemoveUserFromGroup"));
    }

    @Test
    void removeFromGroupRemovesTheMemberAndKeepIsRemembered() {
        aliceGranted();
        iam.addUser("hand-one", "/", Map.of());
        iam.addToGroup("hand-one", GROUP);
        iam.addUser("hand-two", "/", Map.of());
        iam.addToGroup("hand-two", GROUP);
        reconcileUntil(() -> postsContaining("hand-one") == 1 && postsContaining("hand-two") == 1);
        long one = db.count("select id from reconcile_finding where subject = 'hand-one'");
        long two = db.count("select id from reconcile_finding where subject = 'hand-two'");

        // Not an admin: nothing happens.
        Slack.send(Flow.click(ALICE, "lightsail_remove_from_group", one)).statusCode(200);
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_remove_from_group", one)).statusCode(200);
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_keep_in_group", two)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !iam.members(GROUP).contains("hand-one"));
        await().atMost(Duration.ofSeconds(10)).until(() -> postsContaining("was removed from") == 1);
        assertTrue(iam.members(GROUP).contains("hand-two"));
        assertTrue(iam.members(GROUP).contains(ALICE_IAM));
        assertNotNull(iam.user("hand-one"), "removed from the group, not deleted");
        assertEquals("UADMIN0001", db.single("select resolved_by from reconcile_finding where id = ?", one));

        // A second click on a decided finding changes nothing; the kept member is not reported again.
        Slack.send(Flow.click(SlackApiResource.OTHER_ADMIN, "lightsail_remove_from_group", two)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.responsesTo(SlackApiResource.OTHER_ADMIN).stream()
                .anyMatch(r -> r.contains("already decided")));
        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2);
        assertTrue(iam.members(GROUP).contains("hand-two"));
        assertEquals(1, postsContaining("hand-two"));
        assertEquals(1, Flow.iamCalls("RemoveUserFromGroup").size());
    }

    @Test
    void aGrantWhoseUserLeftTheGroupOrWasDeletedOutsideTheBotIsCorrectedAndReportedOnce() {
        long alice = aliceGranted();
        SlackApiResource.person("U0BOB", "bob@example.com");
        long bob = flow.grant("U0BOB", "console work");
        iam.user("bob@example.com").passwordLastUsed = Instant.now();
        iam.removeFromGroup(ALICE_IAM, GROUP);
        iam.removeUser("bob@example.com");

        reconcileUntil(() -> "revoked".equals(flow.state(alice)) && "revoked".equals(flow.state(bob)));
        await().atMost(Duration.ofSeconds(20)).until(() -> postsContaining("outside Lightsail Access") == 2);
        assertEquals("removed from the group outside the bot",
                db.single("select ended_how from access_request where id = ?", alice));
        assertEquals("deleted outside the bot", db.single("select ended_how from access_request where id = ?", bob));
        assertNotNull(db.single("select iam_user_deleted_at from access_request where id = ?", bob));
        assertTrue(Flow.changingIamActions().stream().noneMatch(a -> a.equals("RemoveUserFromGroup")
                || a.equals("DeleteUser")), "the bot only follows what was done outside it");
        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2);
        assertEquals(2, postsContaining("outside Lightsail Access"), "each is reported once");
        assertEquals(2, db.count("select count(*) from audit_event where action = 'corrected by reconciliation'"));
    }

    @Test
    void aRemovalThatIamRefusedIsReportedAgainByTheNextRun() {
        aliceGranted();
        iam.addUser("hand-one", "/", Map.of());
        iam.addToGroup("hand-one", GROUP);
        reconcileUntil(() -> postsContaining("never granted it") == 1);
        long finding = db.count("select id from reconcile_finding where subject = 'hand-one'");
        iam.failNext("RemoveUserFromGroup", 1000, 403, "AccessDenied");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_remove_from_group", finding)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> postsContaining("from the Lightsail group failed") == 1);
        // Recorded as failed (a run that still sees the member may already have reported it again since).
        assertEquals(1, db.count("select count(*) from audit_event where action = 'reconciliation: removal failed' "
                + "and detail like 'hand-one:%'"));
        assertTrue(db.count("select count(*) from reconcile_finding where id = ? and resolution = 'removing'",
                finding) == 0, "not left removing");

        // Not left "removing" for ever: the next run that still sees the member reports it again, with its buttons.
        reconcileUntil(() -> postsContaining("never granted it") == 2);
        assertTrue(iam.members(GROUP).contains("hand-one"));
        iam.clearFaults("RemoveUserFromGroup");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_remove_from_group", finding)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !iam.members(GROUP).contains("hand-one"));
    }

    /** Alice's grant ended; later someone put her IAM user back into the group by hand: the finding reported. */
    long aliceBackByHandAfterHerGrant() {
        long first = aliceGranted();
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + ALICE + ">")).statusCode(200);
        flow.awaitState(first, "revoked");
        iam.addToGroup(ALICE_IAM, GROUP);
        reconcileUntil(() -> postsContaining("never granted it") == 1);
        return db.count("select id from reconcile_finding where subject = ?", ALICE_IAM);
    }

    @Test
    void aRemoveFromGroupAndANewGrantOfTheSamePersonDoNotCross() {
        long finding = aliceBackByHandAfterHerGrant();
        long again = flow.file(ALICE, "console work again");

        // An admin removes the member; IAM is slow to carry it out, and meanwhile her new request is approved.
        FakeIam.Hold slowRemoval = iam.holdNext("RemoveUserFromGroup");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_remove_from_group", finding)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(slowRemoval::reached);
        flow.approve(again);
        // The grant waits in her order behind the removal (or, crossing it, is already active).
        await().atMost(Duration.ofSeconds(8)).until(() -> "active".equals(flow.state(again))
                || db.count("select count(*) from job p join job r on r.subject = p.subject and r.id < p.id "
                        + "where p.kind = 'PROVISION' and p.request_id = ? and p.finished_at is null "
                        + "and r.kind = 'REMOVE_MEMBER' and r.finished_at is null", again) == 1);
        slowRemoval.release();

        // The removal is done first, then the grant: she holds access, and IAM agrees.
        flow.awaitState(again, "active");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from job "
                + "where kind = 'REMOVE_MEMBER' and finished_at is not null") == 1);
        assertTrue(iam.members(GROUP).contains(ALICE_IAM), "an active grant's user is in the group");
    }

    /** IAM refuses to take Alice out of the group until {@link FakeIam#clearFaults}; her removal job fails. */
    void removalFailsFor(long grant) {
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from job where kind = 'REVOKE' "
                + "and request_id = ? and outcome = 'failed'", grant) == 1);
        assertEquals("active", flow.state(grant));
        assertTrue(iam.members(GROUP).contains(ALICE_IAM), "IAM kept her in the group");
    }

    long dmsToAliceContaining(String text) {
        return Flow.dmsTo(ALICE).stream().filter(m -> Slack.readable(m).contains(text)).count();
    }

    @Test
    void anExpiryWhoseRemovalFailedIsCarriedOutByReconciliationAndToldOnce() {
        iam.failNext("RemoveUserFromGroup", 1000, 403, "AccessDenied");
        long alice = flow.grant(ALICE, "console for 4s short job");
        iam.user(ALICE_IAM).passwordLastUsed = Instant.now();
        removalFailsFor(alice);
        // Still refused: reconciliation removes it again every run, and the admins hear of the failure once.
        reconcileUntil(() -> db.count("select count(*) from job where kind = 'REVOKE' and request_id = ? "
                + "and outcome = 'failed'", alice) >= 3);
        assertEquals(1, postsContaining("Revoking request #" + alice + " (IAM user"),
                "a failing end is told once, not at every reconciliation");

        iam.clearFaults("RemoveUserFromGroup");
        reconcileUntil(() -> "revoked".equals(flow.state(alice)));
        assertFalse(iam.members(GROUP).contains(ALICE_IAM));
        assertEquals("expired", db.single("select ended_how from access_request where id = ?", alice));
        await().atMost(Duration.ofSeconds(10)).until(() -> postsContaining("should have ended") == 1
                && dmsToAliceContaining("has ended") == 1);
        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2);
        assertEquals(1, postsContaining("should have ended"), "the admins hear once");
        assertEquals(1, dmsToAliceContaining("has ended"), "the holder hears once");
    }

    @Test
    void accessGivenBackWhileIamRefusedTheRemovalEndsAtTheNextReconciliation() {
        iam.failNext("RemoveUserFromGroup", 1000, 403, "AccessDenied");
        long alice = aliceGranted();
        Slack.send(Slack.command("/lightsail-access", ALICE, "done")).statusCode(200);
        removalFailsFor(alice);

        iam.clearFaults("RemoveUserFromGroup");
        reconcileUntil(() -> "revoked".equals(flow.state(alice)));
        assertFalse(iam.members(GROUP).contains(ALICE_IAM));
        assertEquals("given back", db.single("select ended_how from access_request where id = ?", alice));
        await().atMost(Duration.ofSeconds(10)).until(() -> postsContaining("should have ended (it was given back)")
                == 1);
    }

    /**
     * {@code LIGHTSAIL_KEY_MAX_AGE} (90d) and the overlap (7d): past the age the holder gets one DM with the key's age,
     * its last use and Rotate now; past both the admins are told once, and nothing is deactivated (enforcement is
     * off by default).
     */
    @Test
    void anOldAccessKeyGetsItsHolderOneReminderAndPastTheOverlapTheAdminsAreToldOnce() {
        long id = flow.grant(ALICE, "programmatic ci deploys");
        String key = iam.user(ALICE_IAM).keys.keySet().iterator().next();
        iam.user(ALICE_IAM).keyLastUsed.put(key, Instant.parse("2026-11-30T08:00:00Z"));
        db.update("update issued_key set created_at = now() - interval '91 days' where access_key_id = ?", key);
        reconcileUntil(() -> Flow.dmsTo(ALICE).stream().map(Slack::readable)
                .anyMatch(dm -> dm.contains("is 91 days old")));
        String dm = Flow.dmsTo(ALICE).stream().map(Slack::readable).filter(t -> t.contains("is 91 days old"))
                .findFirst().orElseThrow();
        assertTrue(dm.contains("(lightsail, us-east-1)") && dm.contains("Rotate now"), dm);
        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2);
        assertEquals(1, Flow.dmsTo(ALICE).stream().map(Slack::readable).filter(t -> t.contains("days old")).count(),
                "reminded once");
        assertEquals(0, postsContaining("not rotated"), "the admins hear only past the overlap");

        db.update("update issued_key set created_at = now() - interval '98 days' where access_key_id = ?", key);
        reconcileUntil(() -> postsContaining("is 98 days old: past 90d and the overlap of 7d") == 1);
        long later = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > later + 2);
        assertEquals(1, postsContaining("not rotated"), "told once");
        assertTrue(iam.keyWorks(key), "nothing is deactivated unless LIGHTSAIL_KEY_ROTATION_ENFORCE=true");
        assertEquals("active", flow.state(id));
        assertEquals(List.of(), iam.denied());
    }

    @Test
    void aGroupThatHoldsMoreThanTheSeedSaysIsToldOnceAndNobodyIsAddedToIt() {
        long alice = aliceGranted();
        String administrator = "arn:aws:iam::aws:policy/AdministratorAccess";
        iam.attachToGroup(GROUP, administrator);
        iam.putGroupPolicy(GROUP, "backdoor", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}""");

        reconcileUntil(() -> postsContaining("holds more than Lightsail Access put there") == 1);
        String told = Flow.approvalChannelPosts().stream().filter(p -> p.contains("holds more than")).findFirst()
                .orElseThrow();
        assertTrue(told.contains(administrator) && told.contains("inline policy backdoor"), told);
        assertEquals("active", flow.state(alice), "nothing is taken from those who hold access");

        // While it stands, a new grant adds nobody to the group, and says why.
        SlackApiResource.person("U0BOB", "bob@example.com");
        long bob = flow.file("U0BOB", "console work");
        flow.approve(bob);
        flow.awaitState(bob, "failed");
        String reason = (String) db.single("select failure_reason from access_request where id = ?", bob);
        assertTrue(reason.contains("holds more than Lightsail Access put there"), reason);
        assertFalse(iam.members(GROUP).contains("bob@example.com"));
        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2);
        assertEquals(1, postsContaining("holds more than Lightsail Access put there"), "told once");

        // Put right by an admin: the next run clears it, and the group is as the seed says again.
        iam.cleanGroup(GROUP, administrator);
        reconcileUntil(() -> db.count("select count(*) from reconcile_finding where kind = 'group-drift' "
                + "and resolution is null") == 0);
        assertTrue(Flow.iamCalls("ListGroupPolicies").size() > 2, "the inline policies are read every run");
    }

    @Test
    void aPolicyAddedToTheGroupJustAfterItWasSeenReadyStopsTheNextAddition() {
        aliceGranted();
        // The group was seen ready a moment ago (and is not looked at again for minutes); then an admin attaches
        // more to it. No reconciliation runs: the check right before adding someone is what stops it.
        iam.attachToGroup(GROUP, "arn:aws:iam::aws:policy/AdministratorAccess");
        SlackApiResource.person("U0BOB", "bob@example.com");
        long bob = flow.file("U0BOB", "console work");
        flow.approve(bob);
        flow.awaitState(bob, "failed");
        assertFalse(iam.members(GROUP).contains("bob@example.com"));
        assertTrue(((String) db.single("select failure_reason from access_request where id = ?", bob))
                .contains("AdministratorAccess"));
    }

    /** What readiness says of the Lightsail group. */
    static String groupHealth() {
        return RestAssured.get("/q/health/ready").then().statusCode(200).extract()
                .path("checks.find { it.name == 'Lightsail group' }.data.lightsailGroup");
    }

    @Test
    void aNewInstallationWhoseGroupTheFirstApprovalWillCreateAlarmsNobody() {
        // No grant ever, and no group yet: the first approval creates it, so there is nothing to tell the admins.
        assertNull(iam.group(GROUP));
        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2);
        assertEquals(0, postsContaining("found no IAM group"));
        assertEquals(0, db.count("select count(*) from job where kind = 'RECONCILE' and last_error is not null"),
                "every run went through");
        aliceGranted();
        assertTrue(iam.members(GROUP).contains(ALICE_IAM));
    }

    @Test
    void aGroupThatIsGoneChangesNoGrantAndIsToldOnceUntilItIsBack() {
        long alice = aliceGranted();
        iam.removeGroup(GROUP);

        long runs = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > runs + 2 && postsContaining("found no IAM group") == 1);
        assertEquals("active", flow.state(alice), "a group that is not there is not an empty group");
        assertEquals(0, postsContaining("outside Lightsail Access"));
        assertTrue(groupHealth().startsWith("missing"), groupHealth());
        long more = Flow.iamCalls("GetGroup").size();
        reconcileUntil(() -> Flow.iamCalls("GetGroup").size() > more + 2);
        assertEquals(1, postsContaining("found no IAM group"), "told once while it stays missing");
        assertEquals("active", flow.state(alice));

        // Back, with Alice in it: readiness says so, and a second disappearance is told again.
        iam.addToGroup(ALICE_IAM, GROUP);
        reconcileUntil(() -> groupHealth().startsWith("present"));
        iam.removeGroup(GROUP);
        reconcileUntil(() -> postsContaining("found no IAM group") == 2);
        assertEquals("active", flow.state(alice));
        assertTrue(Flow.changingIamActions().stream().noneMatch(a -> a.equals("RemoveUserFromGroup")
                || a.equals("DeleteUser")), "nothing was taken away in IAM");
    }

    @Test
    void aDeactivationWhoseEventWasLostIsFoundByReconciliation() {
        long alice = aliceGranted();
        // No user_change event ever arrives: only users.info, asked by reconciliation, knows.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + ALICE)).atPriority(1).willReturn(okJson("{\"ok\":true,"
                        + "\"user\":{\"id\":\"" + ALICE + "\",\"team_id\":\"T0TEAM\",\"deleted\":true}}")));
        reconcileUntil(() -> "revoked".equals(flow.state(alice)));
        assertFalse(iam.members(GROUP).contains(ALICE_IAM));
        await().atMost(Duration.ofSeconds(10)).until(() -> postsContaining("lightsail_delete_user") == 1);
        assertNotNull(iam.user(ALICE_IAM), "a departure removes access; deleting the user is an admin's click");
    }

    @Test
    void anAccountCheckSlackHoldsBackDoesNotHoldBackTheHoldersRevocation() {
        long alice = aliceGranted();
        // Slack holds every users.info about Alice back for a minute: reconciliation's check of her account waits.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + ALICE)).atPriority(1).willReturn(aResponse().withStatus(429)
                        .withHeader("Retry-After", "60").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        reconcileUntil(() -> db.count("select count(*) from job where kind = 'HANDLE_DEPARTURE' "
                + "and finished_at is null and run_after > now() + interval '30 seconds'") == 1);

        // An admin takes her access away meanwhile: it is carried out at once, not after the account check.
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + ALICE + ">")).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !iam.members(GROUP).contains(ALICE_IAM));
        await().atMost(Duration.ofSeconds(10)).until(() -> "revoked".equals(flow.state(alice)));
        assertEquals(1, db.count("select count(*) from job where kind = 'HANDLE_DEPARTURE' and finished_at is null"),
                "the account check still waits for Slack, on its own");
    }

    @Test
    void aFindingNobodyAnsweredYetDoesNotStopTheRestOfTheNextRuns() {
        long alice = aliceGranted();
        iam.addUser("hand-one", "/", Map.of());
        iam.addToGroup("hand-one", GROUP);
        reconcileUntil(() -> postsContaining("never granted it") == 1);
        // Nobody answers the finding. Alice's account is deactivated and the event is lost: the next runs, which see
        // the open finding again, still check her account.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + ALICE)).atPriority(1).willReturn(okJson("{\"ok\":true,"
                        + "\"user\":{\"id\":\"" + ALICE + "\",\"team_id\":\"T0TEAM\",\"deleted\":true}}")));
        reconcileUntil(() -> "revoked".equals(flow.state(alice)));
        assertEquals(1, postsContaining("never granted it"), "the open finding is not reported again");
        assertEquals(0, db.count("select count(*) from job where kind = 'RECONCILE' and last_error is not null"),
                "no run failed");
    }

    @Test
    void manyMembersFoundInOneRunAreOneSummaryNotAMessageEach() throws IOException {
        aliceGranted();
        // More than five at once (what one run reports one by one).
        for (int n = 1; n <= 7; n++) {
            iam.addUser("bulk-" + n, "/", Map.of());
            iam.addToGroup("bulk-" + n, GROUP);
        }
        reconcileUntil(() -> postsContaining("7 members") == 1);
        assertEquals(0, postsContaining("never granted it"), "one summary, not one message per member");
        assertEquals(0, postsContaining("First look"), "the bot has granted into this group: not a first look");
        assertEquals(7, sharedList().size());
    }

    @Test
    void aRemoveThatFindsAGrantSettlesTheFindingSoAHandAdditionAfterThatGrantIsReportedAgain() {
        long finding = aliceBackByHandAfterHerGrant();
        // She is granted again before an admin answers; then the admin clicks Remove on the old finding.
        long again = flow.grant(ALICE, "console work again");
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_remove_from_group", finding)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> postsContaining("it has a grant from Lightsail Access now")
                == 1);
        assertTrue(iam.members(GROUP).contains(ALICE_IAM), "her grant keeps her in the group");
        assertEquals("granted since", db.single("select resolution from reconcile_finding where id = ?", finding),
                "settled, not left removing");

        // That grant ends; someone puts her back by hand: reported again.
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + ALICE + ">")).statusCode(200);
        flow.awaitState(again, "revoked");
        iam.addToGroup(ALICE_IAM, GROUP);
        reconcileUntil(() -> postsContaining("never granted it") == 2);
    }

    @Test
    void anAccountCheckSlackNeverAnsweredRaisesNoAlarm() {
        long alice = aliceGranted();
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + ALICE)).atPriority(1).willReturn(aResponse().withStatus(500)
                        .withBody("{\"ok\":false,\"error\":\"internal_error\"}")));
        reconcileUntil(() -> db.count("select count(*) from job where kind = 'HANDLE_DEPARTURE' "
                + "and attempts > 0") > 0);
        // Skip the minutes of backoff: the next attempt is the last one allowed, and it fails too.
        await().atMost(Duration.ofSeconds(20)).until(() -> db.update("update job set attempts = 7, run_after = now() "
                + "where kind = 'HANDLE_DEPARTURE' and attempts between 1 and 6 and locked_by is null "
                + "and finished_at is null") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> db.count("select count(*) from job "
                + "where kind = 'HANDLE_DEPARTURE' and finished_at is not null") == 1);
        // A notice would have been queued before the job was closed: wait until every queued notice is sent.
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from job "
                + "where finished_at is null and kind = 'NOTIFY'") == 0);
        assertEquals(0, postsContaining("could not act on it"), "a routine check Slack did not answer is no alarm");
        assertEquals("active", flow.state(alice));
    }

    /** The grant is an hour old, and its password was last used when it was granted. */
    void unusedForAnHour(long grant) {
        db.update("update access_request set decided_at = decided_at - interval '1 hour' where id = ?", grant);
        iam.user(ALICE_IAM).passwordLastUsed = Instant.now().minusSeconds(3600);
    }

    @Test
    void unusedCredentialsAreQuestionedAndKeepAccessStartsTheClockAgain() {
        long alice = aliceGranted();
        unusedForAnHour(alice);
        reconcileUntil(() -> Flow.messageWithButtonNow("lightsail_keep_access", alice) != null);
        assertTrue(Flow.dmsTo(ALICE).stream().anyMatch(m -> Slack.readable(m).contains("still")));
        Slack.send(Flow.click(ALICE, "lightsail_keep_access", alice)).statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> db.single(
                "select kept_at from access_request where id = ?", alice) != null);
        assertEquals(null, db.single("select dormant_asked_at from access_request where id = ?", alice));
        // Past the grace period: still active, because the holder answered.
        Instant answered = Instant.now();
        reconcileUntil(() -> Instant.now().isAfter(answered.plusSeconds(7)));
        assertEquals("active", flow.state(alice));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = 'kept'",
                alice));
    }

    @Test
    void unusedCredentialsWithoutAnAnswerEndAfterTheGracePeriod() {
        long alice = aliceGranted();
        unusedForAnHour(alice);
        reconcileUntil(() -> db.single("select dormant_asked_at from access_request where id = ?", alice) != null);
        assertEquals("active", flow.state(alice), "asked first, not ended at once");
        reconcileUntil(() -> "revoked".equals(flow.state(alice)));
        assertEquals("unused", db.single("select ended_how from access_request where id = ?", alice));
        assertFalse(iam.members(GROUP).contains(ALICE_IAM));
        assertEquals(1, Flow.dmsTo(ALICE).stream().filter(m -> Slack.readable(m).contains("lightsail_keep_access"))
                .count(), "asked once");
    }
}
