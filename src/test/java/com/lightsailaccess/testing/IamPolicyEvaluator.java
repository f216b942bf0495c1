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
 * {@code NotResource} match the ARN with the same wildcards; {@code Condition} supports the String, Arn and Bool
 * operators (a key missing from the request matches only the negated ones). Policy variables in resources and
 * condition values are replaced by the request's value of that key, as IAM does [IAM User Guide, "IAM policy
 * elements: Variables and tags"]: {@code ${aws:username}} is the user's name without its path, the replaced value is
 * literal (never a wildcard), {@code ${*}}, {@code ${?}} and {@code ${$}} are the characters themselves, and an element
 * whose variable has no value in the request matches nothing. Anything else in a policy (another operator, a
 * Principal, a variable with a default) is refused loudly, so a policy that the stand-in cannot judge never passes by
 * accident.
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

    /** What one policy says about a request: an explicit Deny, an Allow, or nothing (an implicit deny). */
    public enum Verdict {
        DENY, ALLOW, NOTHING
    }

    /** Whether IAM would let {@code action} (e.g. {@code iam:GetUser}) act on {@code resource}. */
    public boolean allows(String action, String resource, Map<String, String> context) {
        return verdict(action, resource, context) == Verdict.ALLOW;
    }

    /** What this policy alone says about the request. */
    public Verdict verdict(String action, String resource, Map<String, String> context) {
        Verdict verdict = Verdict.NOTHING;
        for (Statement s : statements) {
            if (!applies(s, action, resource, context)) {
                continue;
            }
            if (!s.allow()) {
                return Verdict.DENY;
            }
            verdict = Verdict.ALLOW;
        }
        return verdict;
    }

    /**
     * IAM's decision over all of an identity's policies [IAM User Guide, "Policy evaluation logic"]: a Deny in any of
     * them wins, then an Allow in any of them; otherwise the request is implicitly denied.
     */
    public static boolean allowedByAll(List<IamPolicyEvaluator> policies, String action, String resource,
            Map<String, String> context) {
        boolean allowed = false;
        for (IamPolicyEvaluator policy : policies) {
            switch (policy.verdict(action, resource, context)) {
                case DENY -> {
                    return false;
                }
                case ALLOW -> allowed = true;
                case NOTHING -> {
                }
            }
        }
        return allowed;
    }

    private static boolean applies(Statement s, String action, String resource, Map<String, String> context) {
        boolean actionMatches = s.actions().stream().anyMatch(p -> {
            if (p.contains("${")) {
                throw new IllegalArgumentException("IAM takes no policy variable in an action: " + p);
            }
            return matches(p, action, true, true, Map.of());
        });
        if (actionMatches == s.notAction()) {
            return false;
        }
        boolean resourceMatches = s.resources().stream().anyMatch(p -> matches(p, resource, false, true, context));
        if (resourceMatches == s.notResource()) {
            return false;
        }
        for (String operator : s.condition().keySet()) {
            JsonObject keys = s.condition().getAsJsonObject(operator);
            for (String key : keys.keySet()) {
                if (!condition(operator, valueOf(context, key), strings(keys.get(key)), context)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean condition(String operator, String value, List<String> expected,
            Map<String, String> context) {
        if (operator.equals("Null")) {
            // "true": the key is absent from the request; "false": it is there [IAM User Guide, "Condition
            // operator to check existence of condition keys"].
            return expected.stream().anyMatch(e -> e.equalsIgnoreCase(String.valueOf(value == null)));
        }
        boolean negated = operator.contains("Not");
        if (value == null) {
            return negated;
        }
        boolean any = switch (operator.replace("Not", "")) {
            case "StringEquals" -> expected.stream().anyMatch(p -> matches(p, value, false, false, context));
            case "StringEqualsIgnoreCase" -> expected.stream().anyMatch(p -> matches(p, value, true, false, context));
            // ArnEquals takes * and ? as ArnLike does [IAM User Guide, "ARN condition operators"].
            case "StringLike", "ArnLike", "ArnEquals" -> expected.stream().anyMatch(p -> matches(p, value, false,
                    true, context));
            case "Bool" -> expected.stream().anyMatch(value::equalsIgnoreCase);
            default -> throw new IllegalArgumentException("the stand-in does not judge the operator " + operator);
        };
        return negated != any;
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        return matches(pattern, value, ignoreCase, true, Map.of());
    }

    /**
     * Whether {@code value} matches {@code pattern}: with {@code wildcards}, {@code *} and {@code ?} match any run of
     * characters and any one character; policy variables are replaced from {@code context}, literally.
     */
    private static boolean matches(String pattern, String value, boolean ignoreCase, boolean wildcards,
            Map<String, String> context) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                int end = pattern.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("an unclosed policy variable in " + pattern);
                }
                String variable = pattern.substring(i + 2, end);
                i = end;
                if (variable.equals("*") || variable.equals("?") || variable.equals("$")) {
                    regex.append(Pattern.quote(variable));
                    continue;
                }
                if (!variable.matches("[A-Za-z0-9]+:[A-Za-z0-9/_.-]+")) {
                    throw new IllegalArgumentException("the stand-in does not judge the variable ${" + variable
                            + "}");
                }
                String replaced = valueOf(context, variable);
                if (replaced == null) {
                    return false;
                }
                regex.append(Pattern.quote(ignoreCase ? replaced.toLowerCase(Locale.ROOT) : replaced));
                continue;
            }
            if (wildcards && c == '*') {
                regex.append(".*");
            } else if (wildcards && c == '?') {
                regex.append('.');
            } else {
                String literal = String.valueOf(c);
                regex.append(Pattern.quote(ignoreCase ? literal.toLowerCase(Locale.ROOT) : literal));
            }
        }
        Pattern p = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return p.matcher(ignoreCase ? value.toLowerCase(Locale.ROOT) : value).matches();
    }

    /** A request's value of a key; key names are not case-sensitive [IAM User Guide, "Condition"]. */
    private static String valueOf(Map<String, String> context, String key) {
        for (Map.Entry<String, String> e : context.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
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
