package com.lightsailaccess.grant;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.iam.BotPolicy;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamPolicyEvaluator;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access levels end to end, with the shipped examples ({@code deploy/levels/}) and approvers of their own: each level
 * requested, approved by its approvers alone, provisioned into its group and revoked; what its holder can then do,
 * judged by IAM's rules; a change of level; and the IAM stand-in enforcing the policy {@code bot-policy} prints for
 * these levels, so every call a flow makes is one that policy allows.
 */
@QuarkusTest
@BotTest
@TestProfile(AccessLevelsTest.Levels.class)
class AccessLevelsTest {

    static final Path DIR = Path.of("target/test-levels");
    static final Path FILE = DIR.resolve("levels.json");
    static final String READONLY_APPROVER = "U0READAPPROVER";
    static final String BLOG_LEAD = "U0BLOGLEAD";
    static final String BOB = "U0BOB";
    static final String ACCOUNT = "arn:aws:lightsail:eu-west-1:" + FakeIam.ACCOUNT + ":";

    /** The shipped examples, with approvers of their own and who may ask for the team's level. */
    public static class Levels implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            write();
            return Map.of("lightsail.access-levels", FILE.toString());
        }
    }

    static void write() {
        try {
            Files.createDirectories(DIR);
            JsonObject levels = JsonParser.parseString(Files.readString(AccessLevelsFileTest.EXAMPLES))
                    .getAsJsonObject();
            for (var element : levels.getAsJsonArray("levels")) {
                JsonObject level = element.getAsJsonObject();
                String document = level.get("documentFile").getAsString();
                Files.copy(AccessLevelsFileTest.EXAMPLES.resolveSibling(document), DIR.resolve(document),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                switch (level.get("name").getAsString()) {
                    case "readonly" -> level.add("approvers", array(READONLY_APPROVER));
                    case "team-blog" -> {
                        level.add("approvers", array(SlackApiResource.ADMIN, BLOG_LEAD));
                        level.addProperty("approvalsRequired", 2);
                        level.add("accessTypes", array("console"));
                        level.add("requesters", array(Flow.ALICE, BLOG_LEAD));
                    }
                    default -> {
                    }
                }
            }
            Files.writeString(FILE, new Gson().toJson(levels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonArray array(String... values) {
        JsonArray array = new JsonArray();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
        Problems problems = new Problems();
        String printed = BotPolicyCommand.document(BotPolicy.EXAMPLE_ACCOUNT, BotPolicyCommandTest.settings(Map.of(
                "lightsail.access-levels", FILE.toString())), problems);
        assertEquals(List.of(), problems.list());
        iam.setBotPolicy(IamPolicyEvaluator.parse(printed));
        SlackApiResource.person(BOB, "bob@example.com");
    }

    private static io.restassured.response.ValidatableResponse access(String user, String text) {
        return Slack.send(Slack.command("/lightsail-access", user, text)).statusCode(200);
    }

    private static void click(String user, String action, long id) {
        Slack.send(Flow.click(user, action, id)).statusCode(200);
    }

    private static void awaitAnswer(String clicker, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(clicker).stream()
                .anyMatch(r -> r.contains(text)));
    }

    private boolean may(String action, String resource, Map<String, String> context) {
        return iam.userMay(Flow.ALICE_IAM, FakeIam.Session.ACCESS_KEY, action, resource, context);
    }

    @Test
    void readOnlyIsApprovedByItsOwnApproverOnlyProvisionedIntoItsGroupAndRevoked() {
        long id = flow.file(Flow.ALICE, "readonly both checking the blog's metrics");
        assertEquals("readonly", db.single("select level from access_request where id = ?", id));
        assertEquals(7 * 86_400L, db.single("select duration_seconds from access_request where id = ?", id),
                "the level's own default duration");
        assertTrue(flow.approvalMessage(id).blocks().toString().contains("at the level *`readonly`*"),
                flow.approvalMessage(id).blocks().toString());
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = 'requested' "
                + "and detail like 'readonly level, both access, 7d, reason: %'", id));

        click(SlackApiResource.ADMIN, "lightsail_approve", id);
        awaitAnswer(SlackApiResource.ADMIN, "Only the approvers of the level `readonly` can approve");
        click(SlackApiResource.OTHER_ADMIN, "lightsail_deny", id);
        awaitAnswer(SlackApiResource.OTHER_ADMIN, "Only the approvers of the level `readonly` can deny");
        assertEquals("pending", flow.state(id), "an admin who does not approve this level changed nothing");

        click(READONLY_APPROVER, "lightsail_approve", id);
        flow.awaitState(id, "active");
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        assertEquals(Set.of("LightsailReadOnlyGroup"), alice.groups);
        assertTrue(iam.policy("LightsailReadOnlyPolicy").versions.get(0).contains("lightsail:Get*"));
        assertTrue(iam.policy("LightsailFullAccessPolicy") == null, "nothing of another level was made");

        assertTrue(may("lightsail:GetInstances", "*", Map.of()), "reads what exists");
        assertTrue(may("lightsail:GetInstanceMetricData", ACCOUNT + "Instance/blog", Map.of()));
        assertFalse(may("lightsail:CreateInstances", "*", Map.of()), "creates nothing");
        assertFalse(may("lightsail:RebootInstance", ACCOUNT + "Instance/blog", Map.of()));
        assertFalse(may("lightsail:DeleteInstance", ACCOUNT + "Instance/blog", Map.of()));
        for (String wayIn : List.of("lightsail:GetInstanceAccessDetails",
                "lightsail:GetRelationalDatabaseMasterUserPassword", "lightsail:GetContainerServiceDeployments")) {
            assertFalse(may(wayIn, ACCOUNT + "Instance/blog", Map.of()), wayIn + ": reading is not getting in");
        }
        assertTrue(iam.userMay(Flow.ALICE_IAM, FakeIam.Session.CONSOLE_WITHOUT_MFA, "iam:ChangePassword",
                alice.arn()), "the first sign-in still works at every level");

        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + Flow.ALICE + "|alice>"))
                .statusCode(200);
        flow.awaitState(id, "revoked");
        assertTrue(iam.user(Flow.ALICE_IAM).groups.isEmpty(), "out of the level's group");
        assertEquals(List.of(), iam.denied(), "every call was one the printed policy allows");
    }

    @Test
    void theTeamsLevelNeedsBothItsApproversOffersOnlyItsTypesAndDurationsAndOnlyTheTeamsResources() {
        access(Flow.ALICE, "team-blog programmatic deploying").body("text", containsString("offers `console` "
                + "access, not `programmatic`. Nothing was filed."));
        access(Flow.ALICE, "team-blog for 90d deploying").body("text", containsString("Choose one of: 1d, 7d, 30d"));
        access(BOB, "team-blog deploying").body("text", containsString("The level `team-blog` is not one you may "
                + "ask for. You may ask for: `full`, `readonly`"));
        assertEquals(0, db.count("select count(*) from access_request"), "nothing was filed");

        long id = flow.file(Flow.ALICE, "team-blog for 30d deploying the blog");
        click(SlackApiResource.ADMIN, "lightsail_approve", id);
        awaitAnswer(SlackApiResource.ADMIN, "counts: 1 of 2");
        assertEquals("pending", flow.state(id));
        click(SlackApiResource.OTHER_ADMIN, "lightsail_approve", id);
        awaitAnswer(SlackApiResource.OTHER_ADMIN, "Only the approvers of the level `team-blog` can approve");
        click(BLOG_LEAD, "lightsail_approve", id);
        flow.awaitState(id, "active");
        Instant end = ((Timestamp) db.single("select ends_at from access_request where id = ?", id)).toInstant();
        assertTrue(Duration.between(Instant.now(), end).compareTo(Duration.ofDays(29)) > 0, end.toString());
        assertEquals(Set.of("LightsailTeamBlogGroup"), iam.user(Flow.ALICE_IAM).groups);

        String blog = ACCOUNT + "Instance/blog";
        String shop = ACCOUNT + "Instance/shop";
        assertTrue(may("lightsail:RebootInstance", blog, Map.of("aws:ResourceTag/team", "blog")));
        assertFalse(may("lightsail:RebootInstance", shop, Map.of("aws:ResourceTag/team", "shop")),
                "not the neighbours' instance");
        assertFalse(may("lightsail:DeleteInstance", shop, Map.of()), "not an untagged one");
        assertTrue(may("lightsail:CreateInstances", "*", Map.of("aws:RequestTag/team", "blog")));
        assertFalse(may("lightsail:CreateInstances", "*", Map.of()), "created untagged, it would be nobody's");
        assertFalse(may("lightsail:TagResource", shop, Map.of("aws:ResourceTag/team", "shop",
                "aws:RequestTag/team", "blog")), "the neighbours' instance cannot be taken over by tagging it");
        assertFalse(may("lightsail:TagResource", blog, Map.of("aws:ResourceTag/team", "blog",
                "aws:RequestTag/team", "shop")), "nor one of the team's given away");
        assertFalse(may("lightsail:UntagResource", blog, Map.of("aws:ResourceTag/team", "blog")));
        assertTrue(may("lightsail:GetInstances", "*", Map.of()), "everything can be seen");
        assertTrue(may("lightsail:GetInstanceAccessDetails", blog, Map.of("aws:ResourceTag/team", "blog")),
                "into the team's own instance");
        assertFalse(may("lightsail:GetInstanceAccessDetails", shop, Map.of("aws:ResourceTag/team", "shop")),
                "not into the neighbours'");
        assertFalse(may("lightsail:GetRelationalDatabaseMasterUserPassword", ACCOUNT + "RelationalDatabase/shop",
                Map.of()), "nor an untagged database's password");

        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, Flow.ALICE_IAM)).statusCode(200);
        flow.awaitState(id, "revoked");
        assertTrue(iam.user(Flow.ALICE_IAM).groups.isEmpty(), "out of the team's group");
        assertEquals(List.of(), iam.denied());
    }

    @Test
    void aHolderWhoAsksForAnotherLevelMovesGroupsKeepingTheirCredentials() {
        long grant = flow.file(Flow.ALICE, "both deploying the blog");
        assertEquals("full", db.single("select level from access_request where id = ?", grant), "the default");
        click(SlackApiResource.ADMIN, "lightsail_approve", grant);
        flow.awaitState(grant, "active");
        FakeIam.User alice = iam.user(Flow.ALICE_IAM);
        assertEquals(Set.of("LightsailFullAccessGroup"), alice.groups);
        Map<String, String> keys = Map.copyOf(alice.keys);
        String password = alice.password;
        long created = Flow.iamSucceeded("CreateAccessKey");

        access(Flow.ALICE, "both more deploying").body("text", containsString("You already have Lightsail access"));
        access(Flow.ALICE, "team-blog deploying").body("text", containsString("The level `team-blog` offers "
                + "`console` access, and yours is `both`"));
        assertEquals(0, db.count("select count(*) from access_request where kind = 'change'"),
                "a holder who names no level is told they have access, as before");
        access(Flow.ALICE, "readonly for 1d only watching now").body("text", containsString("change of level #"));
        long change = db.count("select id from access_request where kind = 'change'");
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count("select count(*) from access_request where "
                + "id = ? and approval_ts is not null", change) == 1);
        assertTrue(flow.approvalMessage(change).blocks().toString().contains("asks to move grant #" + grant),
                flow.approvalMessage(change).blocks().toString());
        click(SlackApiResource.ADMIN, "lightsail_approve", change);
        awaitAnswer(SlackApiResource.ADMIN, "Only the approvers of the level `readonly` can approve");
        click(READONLY_APPROVER, "lightsail_approve", change);
        flow.awaitState(change, "active");

        assertEquals(Set.of("LightsailReadOnlyGroup"), iam.user(Flow.ALICE_IAM).groups, "in the new group alone");
        assertEquals(keys, iam.user(Flow.ALICE_IAM).keys, "the same access key");
        assertEquals(password, iam.user(Flow.ALICE_IAM).password, "the same password");
        assertEquals(created, Flow.iamSucceeded("CreateAccessKey"), "no new credentials");
        assertEquals("active", flow.state(grant));
        assertEquals("readonly", db.single("select level from access_request where id = ?", grant));
        Instant end = ((Timestamp) db.single("select ends_at from access_request where id = ?", grant)).toInstant();
        assertTrue(Duration.between(Instant.now(), end).compareTo(Duration.ofHours(25)) < 0
                && Duration.between(Instant.now(), end).compareTo(Duration.ofHours(23)) > 0,
                "the new level's duration (1d), from the change: " + end);
        List<String> order = Flow.changingIamActions();
        assertTrue(order.lastIndexOf("AddUserToGroup") < order.lastIndexOf("RemoveUserFromGroup"),
                "added to the new group before leaving the old: " + order);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo(Flow.ALICE).stream()
                .anyMatch(r -> Slack.readable(r).contains("is now at the level")));
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and action = 'level changed'",
                grant));
        assertTrue(may("lightsail:GetInstances", "*", Map.of()));
        assertFalse(may("lightsail:CreateInstances", "*", Map.of()), "full access is gone with the change");

        // Revoked by its IAM user's name: the grant is found, not its change.
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, Flow.ALICE_IAM)).statusCode(200);
        flow.awaitState(grant, "revoked");
        assertEquals("active", flow.state(change), "the change itself stays as it ended");
        assertTrue(iam.user(Flow.ALICE_IAM).groups.isEmpty(), "out of every level's group");
        assertEquals(List.of(), iam.denied());
    }

    @Test
    void theModalOffersTheLevelsThePersonMayAskForAndHoldsTheSubmissionToTheChosenOne() {
        SlackApiResource.fake().issueTrigger("trigger-levels");
        Slack.send(Slack.command("/lightsail-access", BOB, "", "trigger-levels")).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> SlackApiResource.fake().viewOpenedWith("trigger-levels")
                .isPresent());
        FakeSlack.View modal = SlackApiResource.fake().viewOpenedWith("trigger-levels").orElseThrow();
        String shown = modal.json().toString();
        assertTrue(shown.contains("\"level_input\""), shown);
        assertTrue(shown.contains("Read-only: see instances"), shown);
        assertFalse(shown.contains("team-blog"), "Bob may not ask for the team's level: " + shown);

        // A forged submission that chooses it anyway (the option added to the view Slack sends back) is refused.
        JsonObject forgedView = modal.json().deepCopy();
        for (var block : forgedView.getAsJsonArray("blocks")) {
            JsonObject element = block.getAsJsonObject().getAsJsonObject("element");
            if (element != null && element.get("action_id").getAsString().equals("level_input")) {
                element.getAsJsonArray("options").add(JsonParser.parseString("{\"text\":{\"type\":\"plain_text\","
                        + "\"text\":\"team\"},\"value\":\"team-blog\"}"));
            }
        }
        FakeSlack.View forged = new FakeSlack.View(modal.id(), modal.hash(), modal.triggerId(), forgedView);
        Slack.send(Slack.submit(BOB, forged, Map.of("level_input", "team-blog", "reason_input", "mine now")))
                .statusCode(200).body(containsString("Choose one of: Full Lightsail access, Read-only"));
        assertEquals(0, db.count("select count(*) from access_request"), "the server decides who may ask");

        Slack.send(Slack.submit(BOB, modal, Map.of("level_input", "readonly", "duration_input", "90d",
                "reason_input", "checking"))).statusCode(200).body(containsString("Choose one of: 1d, 7d, 30d, "
                        + "permanent"));
        assertEquals(0, db.count("select count(*) from access_request"), "a duration the level does not offer");
        Slack.send(Slack.submit(BOB, modal, Map.of("level_input", "readonly", "duration_input", "1d",
                "reason_input", "checking"))).statusCode(200);
        assertEquals("readonly", db.single("select level from access_request where requester_id = ?", BOB));
    }

    @Test
    void reconciliationReadsEveryLevelsGroupAndReportsAUserInALevelItsGrantIsNotAt() {
        long id = flow.file(Flow.ALICE, "readonly console checking");
        click(READONLY_APPROVER, "lightsail_approve", id);
        flow.awaitState(id, "active");
        // By hand: Alice also into the full level's group, and someone nobody granted into the team's.
        iam.addToGroup(Flow.ALICE_IAM, "LightsailFullAccessGroup");
        iam.addUser("mallory@example.com", "/lightsail/", Map.of());
        iam.addToGroup("mallory@example.com", "LightsailTeamBlogGroup");

        com.lightsailaccess.reconcile.Reconciliations.runSoon();
        await().atMost(Duration.ofSeconds(20)).until(() -> Flow.approvalChannelPosts().stream().anyMatch(p -> p
                .contains("alice@example.com is in LightsailFullAccessGroup (level full), but grant #" + id
                        + " is at the level readonly")));
        await().atMost(Duration.ofSeconds(20)).until(() -> Flow.approvalChannelPosts().stream().anyMatch(p -> p
                .contains("mallory@example.com") && p.contains("LightsailTeamBlogGroup")));
        assertEquals("active", flow.state(id), "her grant is as it was: in its own level's group");
        assertEquals(Set.of("LightsailReadOnlyGroup", "LightsailFullAccessGroup"), iam.user(Flow.ALICE_IAM).groups,
                "the bot does not choose which membership someone meant");

        long posts = Flow.approvalChannelPosts().size();
        long runs = Flow.iamCalls("GetGroup").size();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            com.lightsailaccess.reconcile.Reconciliations.runSoon();
            return Flow.iamCalls("GetGroup").size() > runs + 6;
        });
        assertEquals(posts, Flow.approvalChannelPosts().size(), "each finding is reported once");

        // Out of her own level's group by hand: the ledger follows IAM, whatever other group she is in.
        iam.removeFromGroup(Flow.ALICE_IAM, "LightsailReadOnlyGroup");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            com.lightsailaccess.reconcile.Reconciliations.runSoon();
            return "revoked".equals(flow.state(id));
        });
        assertEquals(1, db.count("select count(*) from audit_event where request_id = ? and detail like "
                + "'IAM user alice@example.com left LightsailReadOnlyGroup outside Lightsail Access%'", id));
        assertEquals(List.of(), iam.denied());
    }

    @Test
    void anAdminsHomeTabListsThePendingRequestsOfTheLevelsTheyApprove() {
        Flow.openHome(SlackApiResource.ADMIN);
        long readonly = flow.file(Flow.ALICE, "readonly console checking");
        long full = flow.file(BOB, "full console deploying");
        FakeSlack.View home = Flow.awaitHome(SlackApiResource.ADMIN, v -> v.json().toString()
                .contains("*#" + full + "*"));
        String shown = home.json().toString();
        assertTrue(shown.contains("asks for *console (password)* access at the level *`full`*"), shown);
        assertFalse(shown.contains("*#" + readonly + "*"), "the admin does not approve the read-only level: "
                + shown);
    }
}
