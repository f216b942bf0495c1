package com.lightsailaccess.iam;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.FakeIam;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamPolicyEvaluator;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot's own AWS permissions: {@code deploy/bot-iam-policy.json} is what the IAM stand-in enforces in every test
 * (IAM's resource rules included), so the bot works with exactly those permissions; and each of its statements is
 * needed by some flow.
 */
@QuarkusTest
@BotTest
class BotPolicyTest {

    @Inject
    Db db;

    Flow flow;
    FakeIam iam;

    @BeforeEach
    void reset() {
        flow = Flow.fresh(db);
        iam = IamResource.iam();
    }

    @Test
    void theShippedPolicyIsValidAndGrantsNoWriteOnEveryResource() {
        IamPolicyEvaluator policy = IamPolicyEvaluator.botPolicy();
        assertFalse(policy.sids().contains(null), "every statement has a Sid, so people can talk about it");
        for (String write : List.of("iam:CreateUser", "iam:DeleteUser", "iam:CreateAccessKey", "iam:AddUserToGroup",
                "iam:AttachUserPolicy", "iam:CreatePolicy", "iam:CreateGroup", "iam:AttachGroupPolicy",
                "iam:PutUserPolicy", "iam:CreatePolicyVersion", "iam:UpdateAccessKey", "iam:UpdateLoginProfile",
                "iam:DeleteAccessKey")) {
            assertFalse(policy.allows(write, "*", Map.of()), write + " on *");
            assertFalse(policy.allows(write, "arn:aws:iam::123456789012:user/admin", Map.of()), write + " on admin");
            assertFalse(policy.allows(write, "arn:aws:iam::123456789012:group/Admins",
                    Map.of("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess")), write + " on Admins");
        }
        assertFalse(policy.allows("iam:AttachUserPolicy", "arn:aws:iam::123456789012:user/lightsail/a",
                Map.of("iam:PolicyARN", "arn:aws:iam::aws:policy/IAMUserChangePassword")),
                "no policy is attached to users: the group's policies carry what they need");
        String group = "arn:aws:iam::123456789012:group/LightsailFullAccessGroup";
        assertFalse(policy.allows("iam:AttachGroupPolicy", group,
                Map.of("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess")), "only the group's policies");
        for (String own : List.of("LightsailFullAccessPolicy", "LightsailFirstSignInPolicy",
                "LightsailRequireMfaPolicy")) {
            assertTrue(policy.allows("iam:AttachGroupPolicy", group,
                    Map.of("iam:PolicyARN", "arn:aws:iam::123456789012:policy/" + own)), own);
        }
    }

    @Test
    void grantingRevokingReGrantingAndDeletingNeedNothingBeyondThePolicy() {
        long first = flow.grant(Flow.ALICE, "both deploy");
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + Flow.ALICE + ">"));
        flow.awaitState(first, "revoked");
        long second = flow.grant(Flow.ALICE, "both again");
        iam.user(Flow.ALICE_IAM).mfaDevices.add("arn:aws:iam::123456789012:mfa/alice-phone");
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, Flow.ALICE_IAM + " delete"));
        flow.awaitState(second, "revoked");
        await().atMost(Duration.ofSeconds(10)).until(() -> iam.user(Flow.ALICE_IAM) == null);
        assertEquals(List.of(), iam.denied(), "IAM refused nothing");
    }

    @Test
    void deletingAUserThatIsAlreadyGoneSaysAlreadyGoneInsteadOfDeleted() {
        long id = flow.grant(Flow.ALICE, "console deploy");
        iam.removeUser(Flow.ALICE_IAM);
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, Flow.ALICE_IAM + " delete"));
        flow.awaitState(id, "revoked");
        // IAM authorizes GetUser of a user it does not have as user/<name> (it cannot know a path): the bot may read
        // user/*, so the answer is NoSuchEntity, and only that is taken for "gone".
        assertEquals(List.of(), iam.denied(), "IAM refused nothing");
        assertTrue(db.single("select iam_user_deleted_at from access_request where id = ?", id) != null);
        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("was already gone from IAM: nothing was deleted now")));
        assertTrue(Flow.approvalChannelPosts().stream().noneMatch(p -> p.contains("deleted IAM user")),
                Flow.approvalChannelPosts().toString());
        assertTrue(Flow.changingIamActions().stream().noneMatch(a -> a.equals("DeleteUser")));
    }

    @Test
    void aUserOfThatNameOutsideTheBotsPathIsNotTakenForGoneNorForTheBots() {
        long id = flow.grant(Flow.ALICE, "console deploy");
        // An admin deletes the bot's user and makes one of the same name by hand, outside the bot's path.
        iam.removeUser(Flow.ALICE_IAM);
        iam.addUser(Flow.ALICE_IAM, "/", Map.of());
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, Flow.ALICE_IAM + " delete"));
        await().atMost(Duration.ofSeconds(15)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("was not created by Lightsail Access")));
        assertEquals("active", flow.state(id), "nothing was recorded as revoked");
        assertNull(db.single("select iam_user_deleted_at from access_request where id = ?", id));
        assertTrue(iam.users().containsKey(Flow.ALICE_IAM.toLowerCase(java.util.Locale.ROOT)), "the user stays");
    }

    @Test
    void aUserStillInTheGroupThatTheBotMayNotReadIsReportedNotTakenForGone() {
        long id = flow.grant(Flow.ALICE, "console deploy");
        iam.setBotPolicy(IamPolicyEvaluator.parse("""
                {"Version": "2012-10-17", "Statement": [
                  {"Sid": "AllButReadingUsers", "Effect": "Allow", "Action": "iam:*", "Resource": "*"},
                  {"Sid": "NoGetUser", "Effect": "Deny", "Action": "iam:GetUser", "Resource": "*"}]}"""));
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@" + Flow.ALICE + ">"));
        await().atMost(Duration.ofSeconds(15)).until(() -> Flow.approvalChannelPosts().stream()
                .anyMatch(p -> p.contains("AccessDenied")));
        assertEquals("active", flow.state(id), "nothing was recorded as revoked");
        assertNull(db.single("select iam_user_deleted_at from access_request where id = ?", id));
        assertEquals(Set.of("LightsailFullAccessGroup"), iam.user(Flow.ALICE_IAM).groups);
    }

    /**
     * Every statement of the policy is needed: without any one of them, some flow (a first grant in a new
     * account, a revocation, a deletion) is refused by IAM and fails visibly.
     */
    @Test
    void removingAnyOneStatementBreaksAFlow() {
        IamPolicyEvaluator shipped = IamPolicyEvaluator.botPolicy();
        Map<String, String> brokenFlows = new LinkedHashMap<>();
        for (String sid : shipped.sids()) {
            flow = Flow.fresh(db);
            iam.setBotPolicy(shipped.without(sid));
            List<String> broken = new ArrayList<>();
            long grant = flow.file(Flow.ALICE, "both first grant in a new account");
            flow.approve(grant);
            await().atMost(Duration.ofSeconds(30)).until(() -> Set.of("active", "failed").contains(flow.state(grant)));
            if (flow.state(grant).equals("failed")) {
                broken.add("grant: " + db.single("select failure_reason from access_request where id = ?", grant));
            } else {
                iam.user(Flow.ALICE_IAM).mfaDevices.add("arn:aws:iam::123456789012:mfa/alice-phone");
                Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, Flow.ALICE_IAM + " delete"));
                await().atMost(Duration.ofSeconds(30)).until(() -> flow.state(grant).equals("revoked")
                        || db.count("select count(*) from job where kind = 'REVOKE' and outcome = 'failed'") == 1);
                if (!flow.state(grant).equals("revoked")) {
                    broken.add("delete: " + db.single("select last_error from job where kind = 'REVOKE'"));
                } else {
                    broken.addAll(revokingAGoneUser());
                }
            }
            assertFalse(broken.isEmpty(), "without " + sid + " every flow still works: the statement is not needed");
            assertFalse(iam.denied().isEmpty(), "without " + sid + " IAM refused nothing");
            brokenFlows.put(sid, broken.get(0));
        }
        assertEquals(shipped.sids().size(), brokenFlows.size(), brokenFlows.toString());
    }

    /** Bob is granted, his IAM user is deleted by hand, and an admin revokes him: what broke, if anything. */
    private List<String> revokingAGoneUser() {
        SlackApiResource.person("U0BOB", "bob@example.com");
        long bob = flow.file("U0BOB", "console second grant");
        flow.approve(bob);
        await().atMost(Duration.ofSeconds(30)).until(() -> Set.of("active", "failed").contains(flow.state(bob)));
        if (flow.state(bob).equals("failed")) {
            return List.of("grant: " + db.single("select failure_reason from access_request where id = ?", bob));
        }
        iam.removeUser("bob@example.com");
        Slack.send(Slack.command("/lightsail-revoke", SlackApiResource.ADMIN, "<@U0BOB>"));
        await().atMost(Duration.ofSeconds(30)).until(() -> flow.state(bob).equals("revoked")
                || db.count("select count(*) from job where kind = 'REVOKE' and request_id = ? "
                        + "and outcome = 'failed'", bob) == 1);
        return flow.state(bob).equals("revoked") ? List.of()
                : List.of("revoke of a gone user: " + db.single("select last_error from job where kind = 'REVOKE' "
                        + "and request_id = ? and outcome = 'failed'", bob));
    }
}
