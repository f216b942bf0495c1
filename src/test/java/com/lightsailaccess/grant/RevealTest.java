package com.lightsailaccess.grant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonElement;
import com.lightsailaccess.slack.blocks.Ids;
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
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LIGHTSAIL_CREDENTIAL_DELIVERY=reveal: the DM holds a Show credentials button and no secret; the requester's click
 * opens a modal, the credentials are made then and shown in it alone; a second click, two at once, someone else's
 * click and the window's end create nothing. Every Slack request is signed and built from what the bot posted.
 */
@QuarkusTest
@BotTest
@TestProfile(RevealTest.Reveal.class)
class RevealTest {

    static final String LOG = "target/quarkus-test-reveal.log";

    public static class Reveal implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // DEBUG to a file of its own, searched for secrets; the console stays at INFO.
            return Map.of("lightsail.credential-delivery", "reveal", "quarkus.log.level", "DEBUG",
                    "quarkus.log.file.level", "DEBUG", "quarkus.log.file.path", LOG,
                    "quarkus.log.console.level", "INFO");
        }
    }

    static final String GROUP = "LightsailFullAccessGroup";
    static final String BOB = "U0REVEAL";
    static final String BOB_IAM = "bob.reveal@example.com";

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        SlackApiResource.person(BOB, BOB_IAM);
        iam = IamResource.iam();
    }

    /**
     * After every test: whatever IAM issued (shown, withdrawn or never shown) is nowhere at rest, and went to Slack in
     * a views.update alone.
     */
    @AfterEach
    void noSecretOutsideTheModal() throws Exception {
        List<String> secrets = iam.secretsIssued();
        for (LoggedRequest r : SlackApiResource.server().findAll(postRequestedFor(urlPathMatching("/.*")))) {
            String body = Slack.readable(r);
            if (secrets.stream().anyMatch(body::contains)) {
                assertEquals("/api/views.update", r.getUrl(), "a secret went to Slack in " + r.getUrl());
            }
        }
        String database = db.dumpAllText();
        String log = Files.exists(Path.of(LOG)) ? Files.readString(Path.of(LOG), StandardCharsets.UTF_8) : "";
        for (String s : secrets) {
            assertFalse(database.contains(s), "a secret is in the database");
            assertFalse(log.contains(s), "a secret is in the log");
        }
    }

    /** Files and approves a "both" request for Bob; returns its id once his DM offers the button. */
    long offered(String reason) {
        long id = flow.file(BOB, "both " + reason);
        flow.approve(id);
        Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        return id;
    }

    static List<FakeSlack.View> revealModals() {
        return SlackApiResource.fake().views().stream().filter(v -> v.json().has("callback_id")
                && Ids.REVEAL_MODAL.equals(v.json().get("callback_id").getAsString())).toList();
    }

    /** Every string in a message's or a view's JSON, unescaped, as Slack would show them. */
    static String texts(JsonElement json) {
        StringBuilder out = new StringBuilder();
        if (json.isJsonPrimitive()) {
            out.append(json.getAsString()).append('\n');
        } else if (json.isJsonArray()) {
            json.getAsJsonArray().forEach(e -> out.append(texts(e)));
        } else if (json.isJsonObject()) {
            json.getAsJsonObject().entrySet().forEach(e -> out.append(texts(e.getValue())));
        }
        return out.toString();
    }

    static long iamCallsFor(String action, String userName) {
        return Flow.iamCalls(action).stream().filter(r -> userName.equals(Flow.params(r).get("UserName"))).count();
    }

    static List<FakeSlack.View> resetModals() {
        return SlackApiResource.fake().views().stream().filter(v -> v.json().has("callback_id")
                && Ids.RESET_MODAL.equals(v.json().get("callback_id").getAsString())).toList();
    }

    /** Bob's "both" grant, revealed. */
    long revealed(String reason) {
        long id = offered(reason);
        Slack.send(Slack.click(BOB, Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id), Ids.SHOW_CREDENTIALS))
                .statusCode(200);
        flow.awaitState(id, "active");
        return id;
    }

    /**
     * A password reset under reveal once: the command opens a modal with its trigger, and the new password is shown
     * there once (the check after each test: a secret went to Slack in views.update alone, and nowhere at rest).
     */
    @Test
    void aPasswordResetIsShownOnceInTheModalThatItsCommandOpens() {
        long id = revealed("reset later");
        String old = iam.user(BOB_IAM).password;
        Slack.send(Slack.command("/lightsail-access", BOB, "reset-password")).statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("appears in the window that opens"));
        await().atMost(Duration.ofSeconds(15)).until(() -> resetModals().stream()
                .anyMatch(v -> texts(v.json()).contains("Your new console password")));
        String fresh = iam.user(BOB_IAM).password;
        assertFalse(old.equals(fresh), "the old password no longer works");
        assertEquals(1, resetModals().size(), "one modal, updated in place");
        assertTrue(texts(resetModals().get(0).json()).contains(fresh));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = 'password "
                + "reset' and detail like '%shown once in a modal'", id));
    }

    /** A key rotation under reveal once: the new key's secret in the modal alone, the overlap's message without it. */
    @Test
    void aKeyRotationShowsTheNewSecretOnceInTheModalThatItsCommandOpens() {
        long id = revealed("rotate later");
        String old = iam.user(BOB_IAM).keys.keySet().iterator().next();
        Slack.send(Slack.command("/lightsail-access", BOB, "rotate-key")).statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("appears in the window that opens"));
        await().atMost(Duration.ofSeconds(15)).until(() -> SlackApiResource.fake().views().stream()
                .anyMatch(v -> texts(v.json()).contains("Your new access key")));
        String fresh = iam.user(BOB_IAM).keys.keySet().stream().filter(k -> !k.equals(old)).findFirst().orElseThrow();
        assertTrue(SlackApiResource.fake().views().stream().anyMatch(v -> texts(v.json())
                .contains(iam.user(BOB_IAM).keys.get(fresh))), "the secret is in the modal");
        Flow.messageWithButton(Ids.RETIRE_OLD_KEY, id);
        assertTrue(iam.keyWorks(old) && iam.keyWorks(fresh));
    }

    @Test
    void aResetWhoseModalWasClosedIsToldAndMayBeAskedForAgainAtOnce() {
        long id = revealed("reset, closed");
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/views.update")).inScenario("closed")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("once")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"not_found\"}")));
        Slack.send(Slack.command("/lightsail-access", BOB, "reset-password")).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> db.count("select count(*) from audit_event where "
                + "request_id = ? and action = 'password reset not shown'", id) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(BOB).stream().map(Slack::readable)
                .anyMatch(t -> t.contains("could not be shown to you, so nobody holds it")));
        SlackApiResource.server().resetScenarios();
        SlackApiResource.server().removeStub(SlackApiResource.server().getStubMappings().stream()
                .filter(m -> "closed".equals(m.getScenarioName())).findFirst().orElseThrow());
        Slack.send(Slack.command("/lightsail-access", BOB, "reset-password")).statusCode(200)
                .body("text", org.hamcrest.Matchers.containsString("appears in the window that opens"));
        await().atMost(Duration.ofSeconds(15)).until(() -> resetModals().stream()
                .anyMatch(v -> texts(v.json()).contains(iam.user(BOB_IAM).password)));
    }

    @Test
    void theClickMakesTheCredentialsAndNoSecretIsAnywhereButTheModal() throws Exception {
        long id = offered("reveal them");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        assertTrue(dm.channel().startsWith("D"), "the offer is a direct message");
        assertEquals("provisioning", flow.state(id));

        // Before the click nothing valid exists: a user without password or key, outside the group.
        FakeIam.User user = iam.user(BOB_IAM);
        assertTrue(user != null && user.password == null && user.keys.isEmpty(), "no credential before the reveal");
        assertTrue(user.groups.isEmpty(), "not in the group before the reveal");
        assertTrue(iam.secretsIssued().isEmpty(), "IAM issued no secret yet");
        assertTrue(texts(flow.approvalMessage(id).blocks()).contains("Show credentials"),
                "the admins see that the requester has yet to reveal");

        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        flow.awaitState(id, "active");

        // One modal, opened with the click's trigger, shows both secrets.
        List<String> secrets = iam.secretsIssued();
        assertEquals(2, secrets.size(), "a password and a secret access key: " + secrets.size());
        List<FakeSlack.View> modals = revealModals();
        assertEquals(1, modals.size());
        String shown = texts(modals.get(0).json());
        for (String s : secrets) {
            assertTrue(shown.contains(s), "the modal shows every secret");
        }
        assertEquals(java.util.Set.of(GROUP), iam.user(BOB_IAM).groups, "in the group after the reveal");

        // The DM loses its button and never held a secret.
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.messageWithButtonNow(Ids.SHOW_CREDENTIALS, id)
                == null);
        FakeSlack.Message after = SlackApiResource.fake().message(dm.channel(), dm.ts()).orElseThrow();
        assertTrue(texts(after.blocks()).contains("were shown"), after.blocks().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(flow.approvalMessage(id).blocks())
                .contains("revealed once"));

        // The secrets went to Slack in views.update alone: no message, update, answer or view besides it.
        List<LoggedRequest> toSlack = SlackApiResource.server().findAll(postRequestedFor(urlPathMatching("/.*")));
        long carrying = 0;
        for (LoggedRequest r : toSlack) {
            String body = Slack.readable(r);
            if (secrets.stream().anyMatch(body::contains)) {
                assertEquals("/api/views.update", r.getUrl(), "a secret went to Slack in " + r.getUrl());
                carrying++;
            }
        }
        assertEquals(1, carrying, "one views.update carries them");
        assertNoSecretAtRest(secrets);
    }

    /** The database and the DEBUG log hold none of the secrets (their key ids are recorded). */
    void assertNoSecretAtRest(List<String> secrets) throws Exception {
        String database = db.dumpAllText();
        for (String s : secrets) {
            assertFalse(database.contains(s), "a secret is in the database");
        }
        assertTrue(database.contains(iam.user(BOB_IAM).keys.keySet().iterator().next()), "the key id is (sanity)");
        Path log = Path.of(LOG);
        // The log ran at DEBUG while the reveal job ran (Hibernate's DEBUG lines show its row).
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(log)
                && Files.readString(log, StandardCharsets.UTF_8).contains("kind=REVEAL"));
        String captured = Files.readString(log, StandardCharsets.UTF_8);
        for (String s : secrets) {
            assertFalse(captured.contains(s), "a secret is in the log");
        }
    }

    @Test
    void twoClicksAtOnceAndASecondClickCreateNothingMore() throws Exception {
        long id = offered("two clicks");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        String first = Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS);
        String second = Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS);
        Slack.sendTogether(List.of(first, second));
        flow.awaitState(id, "active");
        // Let anything the other click might have started finish.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from job where finished_at is null and kind in ('REVEAL', 'NOTIFY')") == 0);
        assertEquals(1, revealModals().size(), "one modal: the other click opened none");
        assertEquals(1, iamCallsFor("CreateAccessKey", BOB_IAM));
        assertEquals(1, iamCallsFor("CreateLoginProfile", BOB_IAM) + iamCallsFor("UpdateLoginProfile", BOB_IAM));
        assertEquals(1, Flow.responsesTo(BOB).size(), "the other click was told");
        assertTrue(Flow.responsesTo(BOB).get(0).contains("being shown")
                || Flow.responsesTo(BOB).get(0).contains("already shown"), Flow.responsesTo(BOB).get(0));

        // A later click on the (stale) button, and the same click delivered again: nothing new.
        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        Slack.send(first).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(BOB).size() == 2);
        assertTrue(Flow.responsesTo(BOB).get(1).contains("already shown"), Flow.responsesTo(BOB).get(1));
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> db.count(
                "select count(*) from job where finished_at is null and kind = 'REVEAL'") == 0);
        assertEquals(1, revealModals().size());
        assertEquals(1, iamCallsFor("CreateAccessKey", BOB_IAM));
        assertEquals(2, iam.secretsIssued().size());
        assertEquals(2, Flow.responsesTo(BOB).size(), "the repeated delivery was dropped");
    }

    @Test
    void someoneElsesClickIsRefusedAndTheRequesterCanStillReveal() {
        long id = offered("only mine");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        // Mallory cannot see Bob's DM, but whoever holds the signing secret can send any click.
        Slack.send(Slack.click(Flow.ALICE, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(Flow.ALICE).size() == 1);
        assertTrue(Flow.responsesTo(Flow.ALICE).get(0).contains("Only the person who asked"));
        assertTrue(revealModals().isEmpty());
        assertTrue(iam.secretsIssued().isEmpty());
        assertEquals("provisioning", flow.state(id));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = "
                + "'reveal refused' and actor = ?", id, Flow.ALICE));

        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        flow.awaitState(id, "active");
        assertEquals(1, revealModals().size());
    }

    @Test
    void aModalClosedBeforeTheCredentialsCameLeavesNothingValidAndTheButtonWorksAgain() {
        long id = offered("closed too soon");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        // The person closed the modal: Slack answers not_found to the update that would show the credentials.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/views.update")).inScenario("closed")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("once")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"not_found\"}")));
        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> db.count("select count(*) from audit_event where "
                + "request_id = ? and action = 'reveal not completed'", id) == 1);
        FakeIam.User user = iam.user(BOB_IAM);
        assertTrue(user.password == null && user.keys.isEmpty(), "what was made for the closed modal is gone");
        assertTrue(user.groups.isEmpty(), "and so is the membership that came with it");
        assertEquals(2, iam.secretsIssued().size(), "they had been made");
        assertEquals("provisioning", flow.state(id));
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(BOB).stream().map(Slack::readable)
                .anyMatch(t -> t.contains("window closed before")));

        SlackApiResource.server().resetScenarios();
        SlackApiResource.server().removeStub(SlackApiResource.server().getStubMappings().stream()
                .filter(m -> "closed".equals(m.getScenarioName())).findFirst().orElseThrow());
        Slack.send(Slack.click(BOB, Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id), Ids.SHOW_CREDENTIALS))
                .statusCode(200);
        flow.awaitState(id, "active");
        List<String> secrets = iam.secretsIssued();
        assertEquals(4, secrets.size(), "fresh ones the second time");
        String shown = texts(revealModals().stream().filter(v -> texts(v.json()).contains("Secret access key"))
                .findFirst().orElseThrow().json());
        assertTrue(shown.contains(secrets.get(2)) && shown.contains(secrets.get(3)), "the second pair is shown");
        assertFalse(shown.contains(secrets.get(0)) || shown.contains(secrets.get(1)), "not the withdrawn pair");
        assertTrue(user.password != null && user.keys.size() == 1, "one password and one key are valid");
    }

    @Test
    void atTheWindowsEndNothingIsCreatedTheRequestClosesAndTheAdminsAreTold() {
        long id = offered("never clicked");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        Timestamp offeredAt = (Timestamp) db.single("select reveal_offered_at from access_request where id = ?", id);
        Timestamp closesAt = (Timestamp) db.single("select run_after from job where kind = 'CLOSE_REVEAL' and "
                + "request_id = ? and finished_at is null", id);
        assertEquals(Duration.ofHours(24), Duration.between(offeredAt.toInstant(), closesAt.toInstant()),
                "the timer is set for LIGHTSAIL_REVEAL_WITHIN (24h by default)");

        // A day passes: the offer is a day old (its timer names it) and the timer is due.
        db.update("update access_request set reveal_offered_at = reveal_offered_at - interval '24 hours' "
                + "where id = ?", id);
        Instant dayOld = ((Timestamp) db.single("select reveal_offered_at from access_request where id = ?", id))
                .toInstant();
        db.update("update job set run_after = now(), payload = ? where kind = 'CLOSE_REVEAL' and request_id = ?",
                "{\"offeredAt\":\"" + dayOld + "\"}", id);
        flow.awaitState(id, "cancelled");

        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("Request #" + id) && p.contains("not revealed within 24h")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.messageWithButtonNow(Ids.SHOW_CREDENTIALS, id)
                == null);
        assertTrue(texts(SlackApiResource.fake().message(dm.channel(), dm.ts()).orElseThrow().blocks())
                .contains("was not used within 24h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(flow.approvalMessage(id).blocks())
                .contains("not revealed within 24h"));

        // The old button, clicked now, makes nothing.
        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(BOB).size() == 1);
        assertTrue(Flow.responsesTo(BOB).get(0).contains("closed before its credentials were shown"));
        assertTrue(iam.secretsIssued().isEmpty(), "no secret was ever made");
        assertTrue(revealModals().isEmpty());
        assertNull(db.single("select revealed_at from access_request where id = ?", id));
        // A new request is possible: the closed one is not open any more.
        long again = flow.file(BOB, "both again");
        assertTrue(again > id);
    }

    @Test
    void aClickAfterTheWindowButBeforeItsTimerMakesNothing() {
        long id = offered("late click");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        db.update("update access_request set reveal_offered_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofHours(25))), id);
        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(BOB).size() == 1);
        assertTrue(Flow.responsesTo(BOB).get(0).contains("has expired"), Flow.responsesTo(BOB).get(0));
        assertTrue(iam.secretsIssued().isEmpty());
        assertTrue(revealModals().isEmpty());
    }

    @Test
    void statusSaysWhereTheCredentialsAreAndARevocationBeforeTheRevealLeavesNothingToShow() {
        long id = offered("revoked first");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        String status = Slack.send(Slack.command("/lightsail-access", BOB, "status")).statusCode(200).extract()
                .asString();
        assertTrue(status.contains("made when you click *Show credentials* in your direct message"), status);
        assertTrue(texts(Flow.openHome(BOB).json()).contains("made when you click *Show credentials*"),
                "the Home tab says so too");

        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + BOB + ">")).statusCode(200);
        flow.awaitState(id, "cancelled");
        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(BOB).size() == 1);
        assertTrue(Flow.responsesTo(BOB).get(0).contains("closed before its credentials were shown"));
        assertTrue(iam.secretsIssued().isEmpty(), "nothing was ever made");
        assertTrue(iam.user(BOB_IAM).groups.isEmpty());
        assertTrue(revealModals().isEmpty());
    }

    @Test
    void anIamFailureAtTheRevealWithdrawsEverythingAndARetryOffersAgainWithAWindowOfItsOwn() {
        long id = offered("fails at the reveal");
        FakeSlack.Message first = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        iam.failNext("CreateAccessKey", 1, 409, "LimitExceeded");
        Slack.send(Slack.click(BOB, first, Ids.SHOW_CREDENTIALS)).statusCode(200);
        flow.awaitState(id, "failed");
        FakeIam.User user = iam.user(BOB_IAM);
        assertTrue(user.password == null && user.keys.isEmpty() && user.groups.isEmpty(),
                "the password made before the failure was withdrawn, and nothing else is left");
        await().atMost(Duration.ofSeconds(10)).until(() -> revealModals().stream()
                .anyMatch(v -> texts(v.json()).contains("could not be created")));
        long firstTimer = db.count("select id from job where kind = 'CLOSE_REVEAL' and request_id = ?", id);

        // An admin's Retry: a new offer, with a timer of its own. The first offer's timer, due now, closes nothing.
        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_retry", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> db.count("select count(*) from job where kind = "
                + "'CLOSE_REVEAL' and request_id = ?", id) == 2);
        db.update("update job set run_after = now() where id = ?", firstTimer);
        await().atMost(Duration.ofSeconds(10)).until(() -> "done".equals(db.single(
                "select outcome from job where id = ?", firstTimer)));
        assertEquals("provisioning", flow.state(id), "the old window's end did not close the new offer");

        FakeSlack.Message second = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        Slack.send(Slack.click(BOB, second, Ids.SHOW_CREDENTIALS)).statusCode(200);
        flow.awaitState(id, "active");
        assertTrue(user.password != null && user.keys.size() == 1, "the new pair is valid");
    }

    @Test
    void aClickWhileARevocationIsQueuedMakesNothing() {
        long id = offered("revoked while queued");
        FakeSlack.Message dm = Flow.messageWithButton(Ids.SHOW_CREDENTIALS, id);
        // A revocation is queued (as the expiry timer or a departure would queue it) but has not run yet.
        db.update("insert into job (kind, request_id, subject, payload, dedup_key, run_after, created_at) values "
                + "('REVOKE', ?, 'held-back', '{\"mode\":\"REMOVE\",\"actor\":\"expiry\",\"why\":\"EXPIRED\"}', "
                + "?, now() + interval '1 hour', now())", id, "revoke:" + id + ":remove");
        Slack.send(Slack.click(BOB, dm, Ids.SHOW_CREDENTIALS)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(BOB).size() == 1);
        assertTrue(Flow.responsesTo(BOB).get(0).contains("closed before its credentials were shown"));
        assertTrue(iam.secretsIssued().isEmpty());
        assertTrue(revealModals().isEmpty());
    }
}
