package com.lightsailaccess.iam;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether a policy document in IAM still says what the bot put there. Two documents say the same when their
 * statements do, whatever their order, their Sids, and whether a single action or resource is written as a string or
 * a list of one: IAM reads them alike. Anything else (another statement, another action, a condition more or less)
 * grants or denies what nobody asked for, and is drift; so is another {@code Version}: under {@code 2008-10-17} (also
 * what a document without one means) IAM reads {@code ${aws:username}} as those characters, not as a variable.
 */
final class PolicyDocument {

    private PolicyDocument() {
    }

    /** Empty when {@code actual} says exactly what {@code expected} says; otherwise what it says instead. */
    static Optional<String> difference(String expected, String actual) {
        List<String> want = canonical(expected).orElseThrow(() -> new IllegalArgumentException(
                "the bot's own policy document is not readable"));
        Optional<List<String>> have = canonical(actual);
        if (have.isEmpty()) {
            return Optional.of("it is not a readable policy document");
        }
        if (want.equals(have.get())) {
            return Optional.empty();
        }
        if (!want.get(0).equals(have.get().get(0))) {
            return Optional.of("its " + have.get().get(0) + " is not the " + want.get(0) + " the bot writes (policy "
                    + "variables such as ${aws:username} need 2012-10-17)");
        }
        return Optional.of("it says " + describe(actual) + " instead of " + describe(expected));
    }

    /** IAM's limit on a managed policy's document, whitespace not counted. */
    static final int MAX_CHARACTERS = 6144;

    /** See {@link ManagedPolicy#documentProblem}. */
    static Optional<String> problem(String document) {
        JsonObject policy;
        try {
            policy = JsonParser.parseString(document).getAsJsonObject();
        } catch (RuntimeException e) {
            return Optional.of("is not a JSON object");
        }
        JsonElement version = policy.get("Version");
        if (version == null || !version.isJsonPrimitive() || !version.getAsString().equals("2012-10-17")) {
            return Optional.of("needs \"Version\": \"2012-10-17\"");
        }
        List<JsonElement> statements = list(policy.get("Statement"));
        if (statements.isEmpty()) {
            return Optional.of("has no Statement");
        }
        for (JsonElement s : statements) {
            if (!s.isJsonObject()) {
                return Optional.of("has a statement that is not an object");
            }
            JsonObject statement = s.getAsJsonObject();
            JsonElement effect = statement.get("Effect");
            if (effect == null || !effect.isJsonPrimitive()
                    || !List.of("Allow", "Deny").contains(effect.getAsString())) {
                return Optional.of("has a statement whose Effect is not Allow or Deny");
            }
            if (statement.has("Action") == statement.has("NotAction")
                    || statement.has("Resource") == statement.has("NotResource")) {
                return Optional.of("has a statement without exactly one of Action/NotAction and of "
                        + "Resource/NotResource");
            }
        }
        long characters = policy.toString().codePoints().filter(c -> !Character.isWhitespace(c)).count();
        if (characters > MAX_CHARACTERS) {
            return Optional.of("is " + characters + " characters long; IAM allows " + MAX_CHARACTERS);
        }
        return Optional.empty();
    }

    /** The statements in a few words each: {@code Allow lightsail:* on *}. */
    static String describe(String document) {
        List<String> said = new ArrayList<>();
        try {
            for (JsonElement s : list(JsonParser.parseString(document).getAsJsonObject().get("Statement"))) {
                said.add(describe(s));
            }
        } catch (RuntimeException e) {
            return "something unreadable";
        }
        return said.isEmpty() ? "nothing" : String.join("; ", said);
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

    /** Each statement as one sorted string, the Sid left out; empty when the document cannot be read. */
    private static Optional<List<String>> canonical(String document) {
        try {
            JsonObject policy = JsonParser.parseString(document).getAsJsonObject();
            String version = policy.has("Version") ? policy.get("Version").getAsString() : "2008-10-17";
            TreeSet<String> statements = new TreeSet<>();
            List<JsonElement> all = list(policy.get("Statement"));
            for (JsonElement s : all) {
                statements.add(canonical(s).toString());
            }
            List<String> out = new ArrayList<>(List.of("Version " + version));
            out.addAll(statements);
            // A statement written twice says nothing more, but a document is compared as written.
            if (statements.size() != all.size()) {
                out.add("(" + (all.size() - statements.size()) + " repeated)");
            }
            return Optional.of(out);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static JsonElement canonical(JsonElement element) {
        if (element.isJsonArray() || (element.isJsonPrimitive() && !element.getAsJsonPrimitive().isBoolean())) {
            TreeSet<String> sorted = new TreeSet<>();
            for (JsonElement item : list(element)) {
                sorted.add(item.isJsonPrimitive() ? item.getAsString() : canonical(item).toString());
            }
            JsonArray array = new JsonArray();
            sorted.forEach(v -> array.add(new JsonPrimitive(v)));
            return array;
        }
        if (element.isJsonObject()) {
            JsonObject sorted = new JsonObject();
            new TreeSet<>(element.getAsJsonObject().keySet()).stream().filter(k -> !k.equals("Sid"))
                    .forEach(k -> sorted.add(k, canonical(element.getAsJsonObject().get(k))));
            return sorted;
        }
        return element;
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
