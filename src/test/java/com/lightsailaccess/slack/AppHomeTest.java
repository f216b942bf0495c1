package com.lightsailaccess.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The App Home tab, through signed Slack requests: {@code app_home_opened}, clicks on the published Home view (with
 * Slack's Home payload: no message, no channel, no response_url), and the publishes that follow every change.
 */
@QuarkusTest
@BotTest
class AppHomeTest {

    static final String ALICE = Flow.ALICE;
    static final String BOB = "U0BOB";
    static final String CAROL = "U0CAROL";
    static final String ADMIN = SlackApiResource.ADMIN;
    static final String OTHER_ADMIN = SlackApiResource.OTHER_ADMIN;

    @Inject
    Db db;

    @Inject
    AdminDirectory admins;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        admins.forget();
        iam = IamResource.iam();
        SlackApiResource.person(BOB, "bob@example.com");
        SlackApiResource.person(CAROL, "carol@example.com");
    }

    static String json(FakeSlack.View view) {
        return view.json().toString();
    }

    static List<String> buttons(FakeSlack.View view, String actionId) {
        return Flow.buttonValues(new FakeSlack.Message("home", "0", "", view.json().getAsJsonArray("blocks")),
                actionId);
    }

    static List<String> dmTexts(String user) {
        return Flow.dmsTo(user).stream().map(Slack::readable).toList();
    }

    @Test
    void someoneWithoutAccessGetsARequestButtonThatOpensTheRequestFormAndSeesTheirRequestOnceFiled() {
        FakeSlack.View home = Flow.openHome(ALICE);
        assertTrue(json(home).contains("You have no Lightsail access"), json(home));
        assertEquals(List.of("request"), buttons(home, "lightsail_request"));
        assertTrue(buttons(home, "lightsail_approve").isEmpty(), "no admin lists for someone who is not an admin");
        assertFalse(json(home).contains("Pending requests"));

        Slack.send(Slack.homeClick(ALICE, home, "lightsail_request", v -> true)).statusCode(200);
        FakeSlack.View form = await().atMost(Duration.ofSeconds(5)).until(() -> SlackApiResource.fake().views()
                .stream().filter(v -> "lightsail_request_modal".equals(v.json().get("callback_id").getAsString()))
                .findFirst().orElse(null), java.util.Objects::nonNull);
        Slack.send(Slack.submit(ALICE, form, Map.of("reason_input", "the <!channel> blog", "access_type_input",
                "console"))).statusCode(200);

        // Filing the request is a change that concerns her: her Home tab is published again.
        FakeSlack.View after = Flow.awaitHome(ALICE, v -> json(v).contains("is waiting for an admin"));
        assertTrue(buttons(after, "lightsail_request").isEmpty(), "one open request at a time");
        assertEquals(1, db.count("select count(*) from access_request where requester_id = ? and state = 'pending'",
                ALICE));
    }

    @Test
    void aHolderSeesTypeSinceEndAndIamUserWithExtendAndGiveBackAndGivingBackFromHomeEndsTheGrant() {
        long id = flow.grant(ALICE, "console for 7d staging blog");
        FakeSlack.View home = Flow.openHome(ALICE);
        String shown = json(home);
        assertTrue(shown.contains("console"), shown);
        assertTrue(shown.contains("*Since*") && shown.contains("*Ends*") && shown.contains("<!date^"), shown);
        assertTrue(shown.contains("`" + Flow.ALICE_IAM + "`"), shown);
        assertEquals(List.of(String.valueOf(id)), buttons(home, "lightsail_extend"));
        assertEquals(List.of(String.valueOf(id)), buttons(home, "lightsail_give_back"));
        assertTrue(buttons(home, "lightsail_request").isEmpty());

        Slack.send(Flow.homeClick(ALICE, "lightsail_give_back", id)).statusCode(200);
        flow.awaitState(id, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> iam.user(Flow.ALICE_IAM).groups.isEmpty());
        // A Home click has no response_url: the answer comes as a DM, and the Home tab shows the change.
        await().atMost(Duration.ofSeconds(10)).until(() -> dmTexts(ALICE).stream()
                .anyMatch(t -> t.contains("is being given back")));
        FakeSlack.View after = Flow.awaitHome(ALICE, v -> !buttons(v, "lightsail_request").isEmpty());
        assertTrue(buttons(after, "lightsail_give_back").isEmpty(), json(after));
        assertTrue(SlackApiResource.fake().rejections().isEmpty(), SlackApiResource.fake().rejections().toString());
    }

    @Test
    void aRequestFiledByCommandReachesTheOpenHomeTabOfAnAdminButNotOfSomeoneElse() {
        FakeSlack.View before = Flow.openHome(ADMIN);
        assertTrue(buttons(before, "lightsail_approve").isEmpty(), json(before));
        Flow.openHome(CAROL);
        String carolBefore = SlackApiResource.fake().home(CAROL).orElseThrow().hash();
        // The bot notes who is an admin right after the publish; only then does a new request concern this tab.
        await().atMost(Duration.ofSeconds(5)).until(() -> db.count(
                "select count(*) from home_viewer where user_id = ? and is_admin", ADMIN) == 1);

        long filed = flow.file(BOB, "console for the shop's blog");

        FakeSlack.View after = Flow.awaitHome(ADMIN, v -> !buttons(v, "lightsail_approve").isEmpty());
        assertEquals(List.of(String.valueOf(filed)), buttons(after, "lightsail_approve"));
        assertEquals(1, db.count("select count(*) from job where kind = 'HOME_CHANGED' and request_id = ?", filed));
        // Carol neither filed it nor approves: her tab is not published again.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                SlackApiResource.fake().home(CAROL).orElseThrow().hash().equals(carolBefore));
    }

    @Test
    void anAdminSeesPendingRequestsWithApproveAndDenyActiveGrantsWithRevokeAndTheLatestEvents() {
        long grant = flow.grant(BOB, "programmatic for 30d backups");
        // As Slack sends a command's text: mentions and links as markup, & < > escaped.
        long pending = flow.file(ALICE, "console <!channel> see <http://evil.example|this> a &lt;b&gt; &amp; c");
        FakeSlack.View home = Flow.openHome(ADMIN);
        String shown = json(home);
        assertEquals(List.of(String.valueOf(pending)), buttons(home, "lightsail_approve"));
        assertEquals(List.of(String.valueOf(pending)), buttons(home, "lightsail_deny"));
        assertEquals(List.of(String.valueOf(grant)), buttons(home, "lightsail_revoke"));
        assertTrue(shown.contains("Pending requests (1)") && shown.contains("Active grants (1)"), shown);
        assertTrue(shown.contains("`bob@example.com`"), shown);
        // The reason is shown as typed, never as a ping or a link.
        assertFalse(shown.contains("<!channel>") || shown.contains("<http://evil.example|this>"), shown);
        assertTrue(shown.contains("@channel see this (http://evil.example) a &lt;b&gt; &amp; c\",\"verbatim\":true"),
                shown);
        assertTrue(shown.contains("Latest audit events") && shown.contains("*requested*"), shown);
        // Revoke asks first.
        assertTrue(shown.contains("\"confirm\""), shown);
        // The admin's own access is shown too.
        assertTrue(shown.contains("You have no Lightsail access"), shown);

        Slack.send(Flow.homeClick(ADMIN, "lightsail_revoke", grant)).statusCode(200);
        flow.awaitState(grant, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> iam.user("bob@example.com").groups.isEmpty());
        assertNotNull(iam.user("bob@example.com"), "revoked without delete: the IAM user stays");
        FakeSlack.View after = Flow.awaitHome(ADMIN, v -> buttons(v, "lightsail_revoke").isEmpty());
        assertTrue(json(after).contains("Active grants (0)"), json(after));
        // Nobody who never opened the Home tab had one published.
        assertTrue(SlackApiResource.fake().home(ALICE).isEmpty() && SlackApiResource.fake().home(BOB).isEmpty());
        assertEquals(0, SlackApiResource.server().findAll(postRequestedFor(urlPathEqualTo("/api/views.publish"))
                .withRequestBody(containing("user_id=" + BOB))).size());
    }

    @Test
    void approveOnTheHomeTabAndInTheChannelAtTheSameMomentProvisionsOnce() throws Exception {
        Flow.openHome(ADMIN);
        for (String requester : List.of(ALICE, BOB, CAROL)) {
            long id = flow.file(requester, "both race " + requester);
            FakeSlack.View home = Flow.awaitHome(ADMIN, v -> buttons(v, "lightsail_approve")
                    .contains(String.valueOf(id)));
            String fromHome = Slack.homeClick(ADMIN, home, "lightsail_approve", String.valueOf(id)::equals);
            String fromChannel = Flow.click(OTHER_ADMIN, "lightsail_approve", id);
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> answers = pool.invokeAll(List.<Callable<Integer>>of(
                        () -> {
                            together.await();
                            return Slack.send(fromHome).extract().statusCode();
                        },
                        () -> {
                            together.await();
                            return Slack.send(fromChannel).extract().statusCode();
                        }));
                for (Future<Integer> answer : answers) {
                    assertEquals(200, answer.get());
                }
            } finally {
                pool.shutdown();
            }
            flow.awaitState(id, "active");
            // The click that came second is told who decided: in the channel ephemerally, on Home by DM.
            await().atMost(Duration.ofSeconds(10)).until(() -> Flow.responsesTo(OTHER_ADMIN).stream()
                    .anyMatch(r -> r.contains("#" + id + " is already")) || dmTexts(ADMIN).stream()
                    .anyMatch(t -> t.contains("#" + id + " is already")));
            await().atMost(Duration.ofSeconds(10)).until(() -> dmTexts(requester).size() == 1);
        }
        assertEquals(3, Flow.iamSucceeded("CreateUser"), "one IAM user per request");
        assertEquals(3, Flow.iamSucceeded("AddUserToGroup"), "added to the group once per request");
        assertEquals(3, Flow.iamSucceeded("CreateAccessKey"), "one key per request");
        assertEquals(3, db.count("select count(*) from audit_event where action = 'approved'"));
        for (String requester : List.of(ALICE, BOB, CAROL)) {
            assertEquals(1, Flow.dmsTo(requester).size(), "one credentials DM for " + requester);
        }
        // The admin's Home tab follows: nothing pending, three grants.
        FakeSlack.View home = Flow.awaitHome(ADMIN, v -> json(v).contains("Active grants (3)"));
        assertTrue(buttons(home, "lightsail_approve").isEmpty(), json(home));
    }

    @Test
    void aNonAdminsHomeShowsNoApproveAndAForgedApproveFromAHomeTabIsRefusedAndChangesNothing() {
        long id = flow.file(ALICE, "console please");
        FakeSlack.View bobs = Flow.openHome(BOB);
        assertTrue(buttons(bobs, "lightsail_approve").isEmpty(), json(bobs));
        FakeSlack.View admins = Flow.openHome(ADMIN);
        // Bob sends what an admin's Home tab would: a signed click with Slack's Home payload.
        Slack.send(Slack.homeClick(BOB, admins, "lightsail_approve", String.valueOf(id)::equals)).statusCode(200);
        Slack.send(Slack.homeClick(BOB, admins, "lightsail_deny", String.valueOf(id)::equals)).statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> dmTexts(BOB).size() == 2);
        assertTrue(dmTexts(BOB).stream().allMatch(t -> t.contains("Only Lightsail Access admins")), dmTexts(BOB)
                .toString());
        assertEquals("pending", flow.state(id));
        assertEquals(0, db.count("select count(*) from approval"));
        assertTrue(Flow.changingIamActions().isEmpty(), Flow.changingIamActions().toString());
    }

    @Test
    void theHomeTabStaysWithinSlacksHundredBlocksAndSaysHowManyMoreThereAre() {
        int people = 27;
        for (int i = 0; i < people; i++) {
            String user = String.format("U0MANY%02d", i);
            Slack.send(Slack.command("/lightsail-access", user, "both " + "&<>".repeat(300))).statusCode(200);
        }
        assertEquals(people, db.count("select count(*) from access_request where state = 'pending'"));
        FakeSlack.View home = Flow.openHome(ADMIN);
        int blocks = home.json().getAsJsonArray("blocks").size();
        assertTrue(blocks <= 100, blocks + " blocks");
        assertTrue(json(home).contains("Pending requests (" + people + ")"), json(home));
        int shown = buttons(home, "lightsail_approve").size();
        assertTrue(shown > 0 && shown < people, shown + " shown");
        assertTrue(json(home).contains("…and " + (people - shown) + " more pending requests"), json(home));
        assertTrue(SlackApiResource.fake().rejections().stream().noneMatch(r -> r.startsWith("views.publish")),
                SlackApiResource.fake().rejections().toString());
    }

    @Test
    void aFormerAdminsHomeTabLosesTheAdminListsWhenTheAdminListChanges() {
        flow.file(ALICE, "console pending work");
        FakeSlack.View before = Flow.openHome(SlackApiResource.GROUP_ADMIN);
        assertTrue(json(before).contains("Pending requests (1)"), json(before));
        FakeSlack.View other = Flow.openHome(ADMIN);
        assertTrue(json(other).contains("Pending requests (1)"));

        // The admin user group loses them; the bot's minutely reading of the group finds it differs.
        SlackApiResource.server().stubFor(post(urlPathEqualTo("/api/usergroups.users.list")).atPriority(1)
                .willReturn(okJson("{\"ok\":true,\"users\":[]}")));
        admins.refresh();
        FakeSlack.View after = Flow.awaitHome(SlackApiResource.GROUP_ADMIN, v -> !v.hash().equals(before.hash()));
        assertFalse(json(after).contains("Pending requests"), json(after));
        assertTrue(buttons(after, "lightsail_approve").isEmpty());
        assertTrue(json(SlackApiResource.fake().home(ADMIN).orElseThrow()).contains("Pending requests (1)"),
                "an admin still is one");
    }

    @Test
    void openingTheMessagesTabPublishesNothing() {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("type", "app_home_opened");
        event.put("user", ALICE);
        event.put("channel", FakeSlack.dmChannel(ALICE));
        event.put("tab", "messages");
        event.put("event_ts", Flow.nextTs());
        Slack.send(Slack.event("EvMESSAGES1", event)).statusCode(200);
        // The listener stores what it must before it acknowledges: nothing, for the Messages tab.
        assertEquals(0, db.count("select count(*) from home_viewer"));
        assertEquals(0, db.count("select count(*) from job where kind = 'PUBLISH_HOME'"));
        // The Home tab itself is remembered and published.
        Flow.openHome(ALICE);
        assertEquals(1, db.count("select count(*) from home_viewer where user_id = ?", ALICE));
    }
}
