package com.lightsailaccess.iam;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bot's own least-privilege IAM policy, for an account, the path of the users it creates, and the groups it
 * manages with the customer managed policies on each: every call the bot makes, on exactly those users, groups and
 * policies. {@code deploy/bot-iam-policy.json} is this document for the default settings, and the tests' IAM
 * stand-in enforces it; {@code bot-policy} prints it for the settings in use. It is written, never edited by hand.
 */
public final class BotPolicy {

    /** A 12-digit AWS account ID. */
    public static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    /** The account ID the shipped policy names, for people to replace (AWS's own documentation uses it). */
    public static final String EXAMPLE_ACCOUNT = "123456789012";

    /** A group the bot manages, and the customer managed policies it attaches to it. */
    public record Group(String name, List<String> policies) {
    }

    private BotPolicy() {
    }

    /**
     * The policy document, pretty-printed JSON with a final newline.
     *
     * @param account the 12-digit account ID
     * @param userPath the path of the IAM users the bot creates ({@code /lightsail/}); written literally, its
     *     {@code *}, {@code ?} and {@code $} escaped as IAM reads them, so that it matches that path alone
     * @param groups the groups the bot manages, in order, each with its policies
     */
    public static String document(String account, String userPath, List<Group> groups) {
        if (!ACCOUNT.matcher(account).matches()) {
            throw new IllegalArgumentException("an AWS account ID is 12 digits: " + account);
        }
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("the bot manages at least one group");
        }
        String arn = "arn:aws:iam::" + account + ":";
        // A group named twice (two levels sharing it) is one group with the policies of both.
        Map<String, Set<String>> byGroup = new LinkedHashMap<>();
        groups.forEach(g -> byGroup.computeIfAbsent(g.name(), k -> new LinkedHashSet<>()).addAll(g.policies()));
        List<String> groupArns = byGroup.keySet().stream().map(name -> arn + "group/" + name).toList();
        Set<String> policyArns = new LinkedHashSet<>();
        byGroup.values().forEach(policies -> policies.forEach(p -> policyArns.add(arn + "policy/" + p)));

        JsonArray statements = new JsonArray();
        statements.add(statement("ManageLightsailUsers", List.of(
                "iam:CreateUser", "iam:GetUser", "iam:DeleteUser", "iam:TagUser", "iam:ListUserTags",
                "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "iam:DeleteLoginProfile",
                "iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys",
                "iam:GetAccessKeyLastUsed",
                "iam:ListSigningCertificates", "iam:DeleteSigningCertificate",
                "iam:ListSSHPublicKeys", "iam:DeleteSSHPublicKey",
                "iam:ListServiceSpecificCredentials", "iam:DeleteServiceSpecificCredential",
                "iam:ListMFADevices", "iam:DeactivateMFADevice",
                "iam:ListUserPolicies", "iam:DeleteUserPolicy",
                "iam:ListAttachedUserPolicies", "iam:DetachUserPolicy",
                "iam:ListGroupsForUser"), List.of(arn + "user" + ManagedPolicy.literal(userPath) + "*")));
        // IAM answers AccessDenied, not NoSuchEntity, for a user outside the bot's path: reading any user tells a
        // user that is gone from one that is not the bot's.
        statements.add(statement("TellAGoneUserFromARefusal", List.of("iam:GetUser"), List.of(arn + "user/*")));
        statements.add(statement("LightsailGroupMembership", List.of("iam:GetGroup", "iam:ListAttachedGroupPolicies",
                "iam:ListGroupPolicies", "iam:AddUserToGroup", "iam:RemoveUserFromGroup"), groupArns));
        statements.add(statement("CheckTheGroupsPolicies", List.of("iam:GetPolicy", "iam:GetPolicyVersion"),
                List.copyOf(policyArns)));
        statements.add(statement("DeleteVirtualMfaDevicesOfDeletedUsers", List.of("iam:DeleteVirtualMFADevice"),
                List.of(arn + "mfa/*")));
        statements.add(statement("AccountFacts", List.of("iam:GetAccountPasswordPolicy", "iam:ListAccountAliases"),
                List.of("*")));
        List<String> created = new ArrayList<>(policyArns);
        created.addAll(groupArns);
        statements.add(statement("OneTimeSetupOfThePoliciesAndTheGroup", List.of("iam:CreatePolicy",
                "iam:CreateGroup"), created));
        int number = 0;
        for (Map.Entry<String, Set<String>> group : byGroup.entrySet()) {
            // Sids are unique within a policy: with several groups, each statement is numbered.
            number++;
            JsonObject attach = statement("OneTimeSetupAttachOnlyTheGroupsPolicies"
                    + (byGroup.size() > 1 ? String.valueOf(number) : ""),
                    List.of("iam:AttachGroupPolicy"), List.of(arn + "group/" + group.getKey()));
            JsonObject arnEquals = new JsonObject();
            arnEquals.add("iam:PolicyARN", list(group.getValue().stream().map(p -> arn + "policy/" + p).toList()));
            JsonObject condition = new JsonObject();
            condition.add("ArnEquals", arnEquals);
            attach.add("Condition", condition);
            statements.add(attach);
        }
        JsonObject document = new JsonObject();
        document.addProperty("Version", "2012-10-17");
        document.add("Statement", statements);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document) + "\n";
    }

    private static JsonObject statement(String sid, List<String> actions, List<String> resources) {
        JsonObject s = new JsonObject();
        s.addProperty("Sid", sid);
        s.addProperty("Effect", "Allow");
        s.add("Action", list(actions));
        s.add("Resource", list(resources));
        return s;
    }

    /** One value as a string, several as a list, as IAM's own examples write them. */
    private static JsonElement list(List<String> values) {
        if (values.size() == 1) {
            return new JsonPrimitive(values.get(0));
        }
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }
}
