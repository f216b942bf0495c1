package com.lightsailaccess.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.lightsailaccess.testing.IamPolicyEvaluator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link BotPolicy} beyond the default settings (which {@code BotPolicyCommandTest} pins to the shipped file): a path
 * with IAM's wildcard characters matches that path alone, and several groups each keep to their own policies, with
 * statement IDs that IAM accepts (unique within the policy).
 */
class BotPolicyDocumentTest {

    static final String ACCOUNT = "arn:aws:iam::111122223333:";

    @Test
    void aPathWithWildcardCharactersMatchesThatPathAlone() {
        IamPolicyEvaluator policy = IamPolicyEvaluator.parse(BotPolicy.document("111122223333", "/a*b$?/",
                List.of(new BotPolicy.Group("G", List.of("P")))));
        assertTrue(policy.allows("iam:CreateAccessKey", ACCOUNT + "user/a*b$?/U0ALICE", Map.of()));
        for (String other : List.of("user/axb$?/U0ALICE", "user/a/b$x/U0ALICE", "user/admins/ab$?/U0ALICE")) {
            assertFalse(policy.allows("iam:CreateAccessKey", ACCOUNT + other, Map.of()), other);
        }
    }

    @Test
    void severalGroupsEachAttachOnlyTheirOwnPoliciesUnderUniqueStatementIds() {
        String document = BotPolicy.document("111122223333", "/lightsail/", List.of(
                new BotPolicy.Group("Team-A", List.of("TeamAPolicy", "Shared")),
                new BotPolicy.Group("TeamA", List.of("ReadOnlyPolicy", "Shared")),
                new BotPolicy.Group("Team-A", List.of("Extra"))));
        IamPolicyEvaluator policy = IamPolicyEvaluator.parse(document);
        List<String> sids = new ArrayList<>();
        for (JsonElement s : JsonParser.parseString(document).getAsJsonObject().getAsJsonArray("Statement")) {
            sids.add(s.getAsJsonObject().get("Sid").getAsString());
        }
        assertEquals(sids.size(), new HashSet<>(sids).size(), "Sids are unique: " + sids);
        assertEquals(2, sids.stream().filter(s -> s.startsWith("OneTimeSetupAttachOnlyTheGroupsPolicies")).count(),
                "one statement a group, a group named twice once: " + sids);
        assertTrue(attaches(policy, "Team-A", "TeamAPolicy"));
        assertTrue(attaches(policy, "Team-A", "Extra"), "the policies of a group named twice are both its own");
        assertTrue(attaches(policy, "Team-A", "Shared"));
        assertFalse(attaches(policy, "Team-A", "ReadOnlyPolicy"), "not another group's policy");
        assertTrue(attaches(policy, "TeamA", "ReadOnlyPolicy"));
        assertFalse(attaches(policy, "TeamA", "TeamAPolicy"));
        assertFalse(attaches(policy, "Admins", "Shared"), "no other group");
        for (String group : List.of("Team-A", "TeamA")) {
            assertTrue(policy.allows("iam:AddUserToGroup", ACCOUNT + "group/" + group, Map.of()), group);
        }
        assertFalse(policy.allows("iam:AddUserToGroup", ACCOUNT + "group/Admins", Map.of()));
    }

    @Test
    void anAccountIsTwelveDigitsAndThereIsAGroup() {
        assertThrows(IllegalArgumentException.class, () -> BotPolicy.document("12345", "/lightsail/",
                List.of(new BotPolicy.Group("G", List.of("P")))));
        assertThrows(IllegalArgumentException.class, () -> BotPolicy.document("111122223333", "/lightsail/",
                List.of()));
    }

    static boolean attaches(IamPolicyEvaluator policy, String group, String managedPolicy) {
        return policy.allows("iam:AttachGroupPolicy", ACCOUNT + "group/" + group,
                Map.of("iam:PolicyARN", ACCOUNT + "policy/" + managedPolicy));
    }
}
