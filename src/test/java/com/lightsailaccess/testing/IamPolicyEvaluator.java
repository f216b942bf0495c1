package com.lightsailaccess.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM's evaluation of one identity-based policy, as far as the bot's policy uses it [IAM User Guide, "Policy
 * evaluation logic"]: an explicit Deny wins, then any Allow, else the call is implicitly denied. {@code Action}
 * and {@code NotAction} match case-insensitively with {@code *} and {@code ?}; {@code Resource} and
 * {@code NotResource} match the ARN with the same wildcards; {@code Condition} supports the String and Arn
 * operators (a key missing from the request matches only the negated ones). Anything else in a policy (another
 * operator, a Principal) is refused loudly, so a policy that the stand-in cannot judge never passes by accident.
 */
public final class IamPolicyEvaluator {

    /** The bot's own policy, as shipped. */
    public static final Path BOT_POLICY = Path.of("deploy/bot-iam-policy.json");

    record Statement(String sid, boolean allow, List<String> actions, boolean notAction, List<String> resources,
            boolean notResource, JsonObject condition) {
    }

    private final List<Statement> statements;
    private final String document;

    private IamPolicyEvaluator(String document, List<Statement> statements) {
        this.document = document;
        this.statements = statements;
    }

    public static IamPolicyEvaluator botPolicy() {
        Path path = BOT_POLICY;
        // Child JVMs and the benchmark may start elsewhere; the build always runs from the project's folder.
        if (!Files.exists(path) && System.getProperty("maven.multiModuleProjectDirectory") != null) {
            path = Path.of(System.getProperty("maven.multiModuleProjectDirectory")).resolve(BOT_POLICY);
        }
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IamPolicyEvaluator parse(String document) {
        JsonObject policy = JsonParser.parseString(document).getAsJsonObject();
        if (!"2012-10-17".equals(policy.get("Version").getAsString())) {
            throw new IllegalArgumentException("policy Version must be 2012-10-17");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonElement e : list(policy.get("Statement"))) {
            JsonObject s = e.getAsJsonObject();
            for (String key : s.keySet()) {
                if (!List.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition")
                        .contains(key)) {
                    throw new IllegalArgumentException("the stand-in does not judge '" + key + "' in a statement");
                }
            }
            boolean notAction = s.has("NotAction");
            boolean notResource = s.has("NotResource");
            statements.add(new Statement(s.has("Sid") ? s.get("Sid").getAsString() : null,
                    "Allow".equals(s.get("Effect").getAsString()),
                    strings(s.get(notAction ? "NotAction" : "Action")), notAction,
                    strings(s.get(notResource ? "NotResource" : "Resource")), notResource,
                    s.has("Condition") ? s.getAsJsonObject("Condition") : new JsonObject()));
        }
        return new IamPolicyEvaluator(document, statements);
    }

    /** The document with one statement left out (by its Sid), to show that every statement is needed. */
    public IamPolicyEvaluator without(String sid) {
        JsonObject policy = JsonParser.parseString(document).getAsJsonObject();
        List<JsonElement> kept = new ArrayList<>();
        for (JsonElement e : list(policy.get("Statement"))) {
            JsonElement s = e.getAsJsonObject().get("Sid");
            if (s == null || !s.getAsString().equals(sid)) {
                kept.add(e);
            }
        }
        com.google.gson.JsonArray array = new com.google.gson.JsonArray();
        kept.forEach(array::add);
        policy.add("Statement", array);
        return parse(policy.toString());
    }

    public List<String> sids() {
        return statements.stream().map(Statement::sid).toList();
    }

    /** Whether IAM would let {@code action} (e.g. {@code iam:GetUser}) act on {@code resource}. */
    public boolean allows(String action, String resource, Map<String, String> context) {
        boolean allowed = false;
        for (Statement s : statements) {
            if (!applies(s, action, resource, context)) {
                continue;
            }
            if (!s.allow()) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static boolean applies(Statement s, String action, String resource, Map<String, String> context) {
        boolean actionMatches = s.actions().stream().anyMatch(p -> matches(p, action, true));
        if (actionMatches == s.notAction()) {
            return false;
        }
        boolean resourceMatches = s.resources().stream().anyMatch(p -> matches(p, resource, false));
        if (resourceMatches == s.notResource()) {
            return false;
        }
        for (String operator : s.condition().keySet()) {
            JsonObject keys = s.condition().getAsJsonObject(operator);
            for (String key : keys.keySet()) {
                if (!condition(operator, context.get(key), strings(keys.get(key)))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean condition(String operator, String value, List<String> expected) {
        boolean negated = operator.contains("Not");
        if (value == null) {
            return negated;
        }
        boolean any = switch (operator.replace("Not", "")) {
            case "StringEquals", "ArnEquals" -> expected.contains(value);
            case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            case "StringLike", "ArnLike" -> expected.stream().anyMatch(p -> matches(p, value, false));
            default -> throw new IllegalArgumentException("the stand-in does not judge the operator " + operator);
        };
        return negated != any;
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern p = ignoreCase ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                : Pattern.compile(regex.toString(), Pattern.DOTALL);
        return p.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
    }

    private static List<JsonElement> list(JsonElement e) {
        List<JsonElement> out = new ArrayList<>();
        if (e == null) {
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
        return list(e).stream().map(JsonElement::getAsString).toList();
    }
}
