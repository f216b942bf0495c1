package com.lightsailaccess.revoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /lightsail-revoke, full deletion, and departures detected in Slack. IAM is {@link FakeIam}. */
@QuarkusTest
@BotTest
class RevocationTest {

    static final String ALICE = Flow.ALICE;
    static final String ALICE_IAM = Flow.ALICE_IAM;

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
    }

    static io.restassured.response.ValidatableResponse revoke(String admin, String text) {
        return Slack.send(Slack.command("/lightsail-revoke", admin, text)).statusCode(200);
    }

    @Test
    void revokeRemovesFromTheGroupAndKeepsTheUser() {
        long id = flow.grant(ALICE, "both x");
        revoke(SlackApiResource.ADMIN, "<@" + ALICE + "|alice>")
                .body("response_type", org.hamcrest.Matchers.equalTo("ephemeral"))
                .body("text", containsString("Removing Lightsail access"));
        flow.awaitState(id, "revoked");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertTrue(user.groups.isEmpty(), "out of the Lightsail group");
        assertEquals(1, user.keys.size(), "the user itself stays");
        assertEquals(1, Flow.iamCalls("RemoveUserFromGroup").size());
        assertTrue(Flow.iamCalls("DeleteUser").isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("removed Lightsail access of IAM user `" + ALICE_IAM + "`")));
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.lastUpdate().contains("Access revoked by"));
        assertTrue(db.count("select count(*) from audit_event where request_id = ? and action = 'revoked'", id) == 1);

        Slack.send(Slack.command("/lightsail-access", ALICE, "status")).statusCode(200)
                .body("text", containsString("revoked"))
                .body("text", containsString("do not have Lightsail access"));
    }

    @Test
    void deleteRemovesEveryDependentInAnOrderIamAcceptsThenTheUser() {
        long id = flow.grant(ALICE, "both x");
        FakeIam.User user = iam.user(ALICE_IAM);
        // Things someone added by hand since: a second key, MFA (virtual and hardware), an inline policy, a
        // signing certificate, an SSH key and a service-specific credential. The stand-in answers DeleteUser with
        // DeleteConflict while any of them remains.
        user.keys.put("AKIAMANUAL0000000002", "manual-secret");
        user.mfaDevices.add("arn:aws:iam::123456789012:mfa/alice-phone");
        user.mfaDevices.add("GAHT12345678");
        user.inlinePolicies.put("extra-s3", "{}");
        // Attached by the bot's earlier versions to every console user (and attachable by hand).
        user.attachedPolicies.add("arn:aws:iam::aws:policy/IAMUserChangePassword");
        user.signingCertificates.add("CERT1");
        user.sshKeys.add("APKA1");
        user.serviceCredentials.add("ACCA1");

        revoke(SlackApiResource.ADMIN, ALICE_IAM + " delete").body("text", containsString("Deleting the IAM user of"));
        flow.awaitState(id, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> iam.user(ALICE_IAM) == null);
        assertEquals(1, Flow.iamCalls("DeleteUser").size(), "DeleteUser once, and it succeeded");
        List<String> order = Flow.changingIamActions();
        List<String> expected = List.of("DeleteLoginProfile", "DeleteAccessKey", "DeleteSigningCertificate",
                "DeleteSSHPublicKey", "DeleteServiceSpecificCredential", "DeactivateMFADevice",
                "DeleteVirtualMFADevice", "DeleteUserPolicy", "DetachUserPolicy", "RemoveUserFromGroup", "DeleteUser");
        List<String> seen = order.subList(order.indexOf("DeleteLoginProfile"), order.size()).stream().distinct()
                .toList();
        assertEquals(expected, seen);
        assertEquals(2, Flow.iamCalls("DeleteAccessKey").size(), "both keys");
        assertEquals(2, Flow.iamCalls("DeactivateMFADevice").size());
        assertEquals(1, Flow.iamCalls("DeleteVirtualMFADevice").size(), "only the virtual device is deleted");
        assertTrue(db.count("select count(*) from access_request where id = ? and iam_user_deleted_at is not null",
                id) == 1);
        assertEquals(0, db.count("select count(*) from issued_key where deleted_at is null"));
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("deleted IAM user `" + ALICE_IAM + "`")));
    }

    @Test
    void aFidoSecurityKeyIsDeactivatedNotDeletedAsAVirtualDevice() {
        long id = flow.grant(ALICE, "console x");
        String fido = "arn:aws:iam::123456789012:u2f/user/lightsail/" + ALICE_IAM + "/fidokey-ABCDEF";
        iam.user(ALICE_IAM).mfaDevices.add(fido);
        revoke(SlackApiResource.ADMIN, ALICE_IAM + " delete");
        flow.awaitState(id, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> iam.user(ALICE_IAM) == null);
        assertEquals(1, Flow.iamCalls("DeactivateMFADevice").size());
        assertTrue(Flow.iamCalls("DeleteVirtualMFADevice").isEmpty(), "only virtual devices are deleted");
        assertEquals(List.of(), iam.denied());
    }

    @Test
    void aUserAnAdminAlsoPutIntoAnotherGroupIsLeftAsItIsAndTheGroupsAreNamed() {
        long id = flow.grant(ALICE, "both x");
        iam.addToGroup(ALICE_IAM, "Developers");
        FakeIam.User before = iam.user(ALICE_IAM);
        String password = before.password;
        revoke(SlackApiResource.ADMIN, ALICE_IAM + " delete");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("Developers")));
        FakeIam.User after = iam.user(ALICE_IAM);
        assertEquals(password, after.password, "nothing was changed");
        assertEquals(1, after.keys.size());
        assertEquals(java.util.Set.of("LightsailFullAccessGroup", "Developers"), after.groups);
        assertTrue(Flow.changingIamActions().stream().noneMatch(a -> a.startsWith("Delete") || a.startsWith("Remove")
                || a.startsWith("Detach") || a.startsWith("Deactivate")), Flow.changingIamActions().toString());
        assertEquals("active", flow.state(id));
        assertEquals(List.of(), iam.denied(), "the bot did not try to touch the other group");
    }

    @Test
    void anInterruptedDeletionResumesAndFinishes() {
        long id = flow.grant(ALICE, "console x");
        // A user granted by an earlier version of the bot holds AWS's IAMUserChangePassword.
        iam.user(ALICE_IAM).attachedPolicies.add("arn:aws:iam::aws:policy/IAMUserChangePassword");
        // More 500s than the SDK retries itself: the job stops half-way and runs again later.
        iam.failNext("DetachUserPolicy", 4, 500, "ServiceFailure");
        revoke(SlackApiResource.ADMIN, "<@" + ALICE + "> delete");
        flow.awaitState(id, "revoked");
        assertNull(iam.user(ALICE_IAM));
        assertEquals(1, Flow.iamCalls("DeleteUser").size());
        assertEquals(5, Flow.iamCalls("DetachUserPolicy").size(), "four failures, then the resumed run");
    }

    @Test
    void aDeletionCutShortByAPermanentErrorFinishesWhenRunAgain() {
        long id = flow.grant(ALICE, "programmatic x");
        iam.failNext("RemoveUserFromGroup", 1, 409, "LimitExceeded");
        revoke(SlackApiResource.ADMIN, ALICE_IAM + " delete");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("failed") && p.contains("LimitExceeded")));
        assertEquals("active", flow.state(id));
        assertTrue(iam.user(ALICE_IAM).keys.isEmpty(), "the steps before the failure are done");
        revoke(SlackApiResource.ADMIN, ALICE_IAM + " delete").body("text", containsString("Deleting the IAM user of"));
        flow.awaitState(id, "revoked");
        assertNull(iam.user(ALICE_IAM));
    }

    @Test
    void nonAdminIsRefusedAndNothingChanges() {
        long id = flow.grant(ALICE, "console x");
        revoke("U0RANDOM", "<@" + ALICE + "> delete").body("text", containsString("Only Lightsail Access admins"));
        assertEquals("active", flow.state(id));
        assertEquals(0, db.count("select count(*) from job where kind = 'REVOKE'"));
        assertTrue(Flow.iamCalls("RemoveUserFromGroup").isEmpty());
    }

    @Test
    void aUserTheBotDidNotCreateIsRefusedAndUntouched() {
        FakeIam.User bob = iam.addUser("bob@example.com", "/", Map.of());
        bob.keys.put("AKIABOB0000000000001", "bob-secret");
        bob.groups.add("LightsailFullAccessGroup");
        revoke(SlackApiResource.ADMIN, "bob@example.com delete")
                .body("text", containsString("only touches IAM users it created"));
        revoke(SlackApiResource.ADMIN, "<mailto:bob@example.com|bob@example.com>")
                .body("text", containsString("only touches IAM users it created"));
        assertEquals(1, bob.keys.size());
        assertEquals(1, bob.groups.size());
        assertTrue(Flow.changingIamActions().isEmpty());
    }

    @Test
    void aUserWhoseTagsNoLongerSayOursIsRefusedAndUntouched() {
        long id = flow.grant(ALICE, "console x");
        iam.user(ALICE_IAM).tags.put("managed-by", "someone-else");
        revoke(SlackApiResource.ADMIN, "<@" + ALICE + "> delete");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("was refused")));
        assertEquals("active", flow.state(id));
        assertFalse(iam.user(ALICE_IAM).groups.isEmpty());
        assertTrue(Flow.iamCalls("DeleteUser").isEmpty());
    }

    @Test
    void revokingSomeoneWithNoAccessSaysSo() {
        revoke(SlackApiResource.ADMIN, "<@U0NOBODY>").body("text", containsString("has no access granted"));
        revoke(SlackApiResource.ADMIN, "").body("text", containsString("Whose access"));
        revoke(SlackApiResource.ADMIN, "bob smith delete").body("text", containsString("Name one person"));
        revoke(SlackApiResource.ADMIN, "x".repeat(65)).body("text", containsString("valid IAM user name"));
        assertEquals(0, db.count("select count(*) from job"));
    }

    @Test
    void revokingTwiceSaysItIsAlreadyRevoked() {
        long id = flow.grant(ALICE, "console x");
        revoke(SlackApiResource.ADMIN, "<@" + ALICE + ">");
        flow.awaitState(id, "revoked");
        revoke(SlackApiResource.ADMIN, "<@" + ALICE + ">").body("text", containsString("already revoked"));
        assertEquals(1, Flow.iamCalls("RemoveUserFromGroup").size());
    }

    @Test
    void aPendingRequestIsCancelledByARevoke() {
        long id = flow.file(ALICE, "console x");
        revoke(SlackApiResource.ADMIN, "<@" + ALICE + ">").body("text", containsString("cancelled"));
        assertEquals("cancelled", flow.state(id));
        assertTrue(Flow.changingIamActions().isEmpty());
    }

    @Test
    void aRevokedPersonMayAskAgainAndGetsFreshCredentialsOnTheSameUser() {
        long first = flow.grant(ALICE, "programmatic x");
        String oldKey = iam.user(ALICE_IAM).keys.keySet().iterator().next();
        revoke(SlackApiResource.ADMIN, "<@" + ALICE + ">");
        flow.awaitState(first, "revoked");
        long second = flow.grant(ALICE, "programmatic back again");
        FakeIam.User user = iam.user(ALICE_IAM);
        assertEquals(1, user.keys.size());
        assertFalse(user.keys.containsKey(oldKey), "the earlier grant's key was rotated away");
        assertEquals(String.valueOf(second), user.tags.get("request-id"));
        assertEquals(1, Flow.iamSucceeded("CreateUser"), "the bot's own user is reused");
    }

    // ---- departures ----------------------------------------------------------------------------------------

    void deactivated(String userId) {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + userId)).willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\""
                        + userId + "\",\"team_id\":\"T0TEAM\",\"deleted\":true}}")));
    }

    /** users.info answers for this person with these account flags (a full member otherwise). */
    void accountIs(String userId, String flags) {
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .withRequestBody(containing("user=" + userId)).willReturn(okJson("{\"ok\":true,\"user\":{\"id\":\""
                        + userId + "\",\"team_id\":\"T0TEAM\",\"deleted\":false," + flags + "}}")));
    }

    @Test
    void anAccountDemotedToAGuestOrMadeAStrangerLosesAccessAsADepartureDoes() {
        long alice = flow.grant(ALICE, "console x");
        SlackApiResource.person("U0BOB", "bob@example.com");
        long bob = flow.grant("U0BOB", "console y");
        // As Slack sends them: the whole user object, with the flags that changed.
        accountIs(ALICE, "\"is_restricted\":true,\"is_ultra_restricted\":false");
        Slack.send(Slack.event("Ev0GUEST1", Map.of("type", "user_change", "user", Map.of("id", ALICE,
                "team_id", "T0TEAM", "deleted", false, "is_restricted", true, "is_ultra_restricted", false))))
                .statusCode(200);
        accountIs("U0BOB", "\"is_stranger\":true");
        Slack.send(Slack.event("Ev0STRANGE", Map.of("type", "user_change", "user", Map.of("id", "U0BOB",
                "team_id", "T0OTHER", "deleted", false, "is_stranger", true)))).statusCode(200);

        flow.awaitState(alice, "revoked");
        flow.awaitState(bob, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("became a guest account")) && Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("is no longer a member of this organisation")));
        assertFalse(iam.members("LightsailFullAccessGroup").contains(ALICE_IAM));
        assertFalse(iam.members("LightsailFullAccessGroup").contains("bob@example.com"));
        assertTrue(iam.user(ALICE_IAM) != null, "the user is kept until an admin deletes it");
    }

    @Test
    void aProfileEditOfAFullMemberChangesNothing() {
        long alice = flow.grant(ALICE, "console x");
        accountIs(ALICE, "\"is_restricted\":false");
        Slack.send(Slack.event("Ev0EDIT1", Map.of("type", "user_change", "user", Map.of("id", ALICE,
                "team_id", "T0TEAM", "deleted", false, "is_restricted", false, "real_name", "Alice B."))))
                .statusCode(200);
        // A guest event whose users.info says otherwise (stale, or forged) changes nothing either.
        Slack.send(Slack.event("Ev0GUEST2", Map.of("type", "user_change", "user", Map.of("id", ALICE,
                "team_id", "T0TEAM", "deleted", false, "is_restricted", true)))).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from job where kind = "
                + "'HANDLE_DEPARTURE' and finished_at is not null") == 1);
        assertEquals(0, db.count("select count(*) from job where kind = 'HANDLE_DEPARTURE' and finished_at is null"));
        assertEquals("active", flow.state(alice));
        assertTrue(Flow.iamCalls("RemoveUserFromGroup").isEmpty());
    }

    @Test
    void aDeactivatedAccountIsRevokedOnceEvenWhenTheEventIsRetried() {
        long id = flow.grant(ALICE, "console x");
        deactivated(ALICE);
        String event = Slack.event("Ev0GONE1", Map.of("type", "user_change",
                "user", Map.of("id", ALICE, "deleted", true, "real_name", "Alice")));
        Slack.send(event).statusCode(200);
        Slack.send(event, System.currentTimeMillis() / 1000, Map.of("X-Slack-Retry-Num", "1")).statusCode(200);
        Slack.send(event, System.currentTimeMillis() / 1000, Map.of("X-Slack-Retry-Num", "2")).statusCode(200);
        flow.awaitState(id, "revoked");
        await().atMost(Duration.ofSeconds(5)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("lightsail_delete_user")));
        assertEquals(1, Flow.iamCalls("RemoveUserFromGroup").size());
        assertEquals(1, db.count("select count(*) from job where kind = 'HANDLE_DEPARTURE'"));
        assertEquals(1, Flow.approvalChannelPosts().stream().filter(p -> p.contains("lightsail_delete_user")).count());
        assertTrue(iam.user(ALICE_IAM) != null, "the user is kept until an admin deletes it");

        Slack.send(Flow.click(SlackApiResource.ADMIN, "lightsail_delete_user", id)).statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> iam.user(ALICE_IAM) == null);
    }

    @Test
    void aDepartureNoticeThatSlackRefusedOnceIsPostedOnRetryAndTheRevocationHappensOnce() {
        long id = flow.grant(ALICE, "console x");
        deactivated(ALICE);
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL))
                .withRequestBody(containing("lightsail_delete_user")).inScenario("notice")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        Slack.send(Slack.event("Ev0GONE3", Map.of("type", "user_change",
                "user", Map.of("id", ALICE, "deleted", true)))).statusCode(200);
        flow.awaitState(id, "revoked");
        await().atMost(Duration.ofSeconds(15)).until(() -> SlackApiResource.server().findAll(postRequestedFor(
                urlPathEqualTo("/api/chat.postMessage")).withRequestBody(containing("lightsail_delete_user"))).size()
                == 2);
        assertEquals(1, Flow.iamCalls("RemoveUserFromGroup").size());
        assertEquals(1, db.count("select count(*) from job where kind = 'REVOKE'"));
    }

    @Test
    void anUnconfirmableDeactivationRevokesNothing() {
        long id = flow.grant(ALICE, "console x");
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/users.info"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        Slack.send(Slack.event("Ev0NOAUTH", Map.of("type", "user_change",
                "user", Map.of("id", ALICE, "deleted", true)))).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from job where kind = 'HANDLE_DEPARTURE' and outcome = 'failed'") == 1);
        assertEquals("active", flow.state(id));
        assertTrue(Flow.iamCalls("RemoveUserFromGroup").isEmpty());
    }

    @Test
    void aProfileEditOrAnUnconfirmedDeactivationRevokesNothing() {
        long id = flow.grant(ALICE, "console x");
        Slack.send(Slack.event("Ev0EDIT1", Map.of("type", "user_change",
                "user", Map.of("id", ALICE, "real_name", "Alice Renamed")))).statusCode(200);
        // The event claims a deactivation, but users.info says the account is active.
        Slack.send(Slack.event("Ev0FAKE1", Map.of("type", "user_change",
                "user", Map.of("id", ALICE, "deleted", true)))).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from job where kind = 'HANDLE_DEPARTURE' and finished_at is not null") == 1);
        assertEquals("active", flow.state(id));
        assertTrue(Flow.iamCalls("RemoveUserFromGroup").isEmpty());
    }

    @Test
    void aDeactivatedRequesterWithAPendingRequestIsCancelled() {
        long id = flow.file(ALICE, "console x");
        deactivated(ALICE);
        Slack.send(Slack.event("Ev0GONE2", Map.of("type", "user_change",
                "user", Map.of("id", ALICE, "deleted", true)))).statusCode(200);
        flow.awaitState(id, "cancelled");
        assertTrue(Flow.changingIamActions().isEmpty());
    }
}
