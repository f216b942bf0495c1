package com.lightsailaccess.iam;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seed's policy document: {@code Allow lightsail:*} on {@code *}, and nothing else. A policy of that name that
 * says anything more (or less) grants what nobody asked for; the bot then attaches nothing and says what differs.
 */
final class LightsailPolicyDocument {

    static final String SEED = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
            + "\"lightsail:*\",\"Resource\":\"*\"}]}";

    private LightsailPolicyDocument() {
    }

    /** Empty when {@code document} says exactly what the seed says; otherwise what it says instead. */
    static Optional<String> differenceFromSeed(String document) {
        JsonObject policy;
        try {
            policy = JsonParser.parseString(document).getAsJsonObject();
        } catch (RuntimeException e) {
            return Optional.of("it is not a readable policy document");
        }
        List<JsonElement> statements = list(policy.get("Statement"));
        if (statements.size() == 1 && seedLike(statements.get(0))) {
            return Optional.empty();
        }
        List<String> said = new ArrayList<>();
        for (JsonElement s : statements) {
            said.add(describe(s));
        }
        return Optional.of("it says " + (said.isEmpty() ? "nothing" : String.join("; ", said))
                + " instead of Allow lightsail:* on *");
    }

    private static boolean seedLike(JsonElement element) {
        if (!element.isJsonObject()) {
            return false;
        }
        JsonObject s = element.getAsJsonObject();
        for (String key : s.keySet()) {
            if (!Set.of("Sid", "Effect", "Action", "Resource").contains(key)) {
                return false;
            }
        }
        return s.has("Effect") && "Allow".equals(s.get("Effect").getAsString())
                && strings(s.get("Action")).equals(List.of("lightsail:*"))
                && strings(s.get("Resource")).equals(List.of("*"));
    }

    private static String describe(JsonElement element) {
        if (!element.isJsonObject()) {
            return "an unreadable statement";
        }
        JsonObject s = element.getAsJsonObject();
        String effect = s.has("Effect") ? s.get("Effect").getAsString() : "?";
        String actions = s.has("Action") ? String.join(", ", strings(s.get("Action")))
                : "everything but " + String.join(", ", strings(s.get("NotAction")));
        String resources = s.has("Resource") ? String.join(", ", strings(s.get("Resource")))
                : "everything but " + String.join(", ", strings(s.get("NotResource")));
        return effect + " " + actions + " on " + resources + (s.has("Condition") ? " (with conditions)" : "");
    }

    private static List<JsonElement> list(JsonElement e) {
        List<JsonElement> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(out::add);
        } else {
            out.add(e);
        }
        return out;
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        for (JsonElement item : list(e)) {
            out.add(item.isJsonPrimitive() ? item.getAsString() : item.toString());
        }
        return out;
    }
}
