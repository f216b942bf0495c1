package com.lightsailaccess.grant;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.iam.ManagedPolicy;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.Provisioning;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code LIGHTSAIL_ACCESS_LEVELS}: the levels file (README, "Access levels"), read and checked at start-up. Each
 * problem names the level and the field; a file that cannot be read or is not JSON is one problem. Unset, there is
 * one level, {@code full}, from {@code LIGHTSAIL_IAM_GROUP}, {@code LIGHTSAIL_IAM_POLICY} and the seed's document.
 */
final class AccessLevelsFile {

    static final String SETTING = "LIGHTSAIL_ACCESS_LEVELS";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,20}");
    private static final Pattern USERGROUP = Pattern.compile("S[A-Z0-9]{2,20}");
    /** Words the command reads before a reason: a level of that name could never be asked for by name. */
    private static final Set<String> RESERVED = Set.of("help", "status", "done", "reset-password", "rotate-key",
            "console", "programmatic", "both", "for");
    private static final Set<String> FIELDS = Set.of("name", "label", "group", "policy", "document", "documentFile",
            "approvers", "approverUsergroup", "approvalsRequired", "durations", "defaultDuration", "accessTypes",
            "requesters");
    static final int MAX_APPROVALS = 10;
    static final int MAX_LABEL = 75;

    private AccessLevelsFile() {
    }

    /**
     * The levels: from the file {@code path} names, or the one level the settings describe. Every problem is
     * reported to {@code problems}; what comes back then is the default level alone.
     */
    static AccessLevels read(Optional<String> path, Provisioning provisioning, Problems problems) {
        AccessLevels single = new AccessLevels(List.of(AccessLevel.full(provisioning.group(), provisioning.policy(),
                ManagedPolicy.lightsail(provisioning.policy()).document())), false, provisioning.group());
        if (path.isEmpty()) {
            return single;
        }
        int before = problems.list().size();
        List<AccessLevel> levels = parse(Path.of(path.get()), provisioning, problems);
        return problems.list().size() > before || levels.isEmpty() ? single
                : new AccessLevels(levels, true, provisioning.group());
    }

    private static List<AccessLevel> parse(Path file, Provisioning provisioning, Problems problems) {
        String where = SETTING + " (" + file + ")";
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add(where + " cannot be read: " + e.getClass().getSimpleName());
            return List.of();
        } catch (JsonParseException e) {
            problems.add(where + " is not JSON: " + firstLine(e.getMessage()));
            return List.of();
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("levels")
                || !root.getAsJsonObject().get("levels").isJsonArray()
                || root.getAsJsonObject().getAsJsonArray("levels").isEmpty()) {
            problems.add(where + " must be an object whose \"levels\" is a list of at least one level");
            return List.of();
        }
        List<AccessLevel> levels = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        Map<String, String> policies = new HashMap<>();
        policies.put(provisioning.firstSignInPolicy().toLowerCase(Locale.ROOT), "LIGHTSAIL_FIRST_SIGN_IN_POLICY");
        provisioning.mfaPolicy().ifPresent(p -> policies.put(p.toLowerCase(Locale.ROOT), "LIGHTSAIL_MFA_POLICY"));
        int index = 0;
        for (JsonElement element : root.getAsJsonObject().getAsJsonArray("levels")) {
            index++;
            if (!element.isJsonObject()) {
                problems.add(where + ", level " + index + ": must be an object");
                continue;
            }
            Level level = new Level(where, index, element.getAsJsonObject(), problems);
            Optional<AccessLevel> read = level.read(file);
            if (read.isEmpty()) {
                continue;
            }
            AccessLevel l = read.get();
            unique(names, l.name(), level, "name", "the name of level", problems);
            unique(groups, l.group(), level, "group", "the group of level", problems);
            unique(policies, l.policy(), level, "policy", "the policy of level", problems);
            levels.add(l);
        }
        if (!levels.isEmpty() && levels.stream().noneMatch(l -> l.group().equalsIgnoreCase(provisioning.group()))) {
            // Grants made before the file are in that group: without a level for it they could not be revoked.
            problems.add(where + ": no level has the group '" + provisioning.group() + "' (LIGHTSAIL_IAM_GROUP), "
                    + "where grants made without a levels file are; give one level that group, or set "
                    + "LIGHTSAIL_IAM_GROUP to the group of the level such grants belong to");
        }
        return levels;
    }

    /** IAM names are unique whatever their case: two levels never share one, nor a level and a setting. */
    private static void unique(Map<String, String> seen, String value, Level level, String field, String what,
            Problems problems) {
        String earlier = seen.putIfAbsent(value.toLowerCase(Locale.ROOT), "level '" + level.name + "'");
        if (earlier != null) {
            String owner = earlier.startsWith("LIGHTSAIL_") ? earlier : what + " " + earlier.substring(6);
            problems.add(level.at(field) + "'" + value + "' is already " + owner);
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int end = m.indexOf('\n');
        return end < 0 ? m : m.substring(0, end);
    }

    /** One level's object, its problems named by level and field. */
    private static final class Level {

        private final String where;
        private final JsonObject json;
        private final Problems problems;
        private String name;

        Level(String where, int index, JsonObject json, Problems problems) {
            this.where = where;
            this.json = json;
            this.problems = problems;
            this.name = "#" + index;
        }

        String at(String field) {
            return where + ", level '" + name + "', " + field + ": ";
        }

        private void problem(String field, String what) {
            problems.add(at(field) + what);
        }

        Optional<AccessLevel> read(Path file) {
            int before = problems.list().size();
            Optional<String> named = string("name", true);
            named.ifPresent(n -> {
                name = n;
                if (!NAME.matcher(n).matches()) {
                    problem("name", "must be 1–32 lower-case letters, digits, - or _, starting with a letter or digit "
                            + "(got '" + n + "')");
                } else if (RESERVED.contains(n)) {
                    problem("name", "'" + n + "' is a word of the command; choose another name");
                }
            });
            for (String field : json.keySet()) {
                if (!FIELDS.contains(field)) {
                    problem(field, "is not a field of a level (" + String.join(", ", FIELDS.stream().sorted()
                            .toList()) + ")");
                }
            }
            String label = string("label", false).orElse(named.orElse(""));
            if (label.length() > MAX_LABEL) {
                problem("label", "must be at most " + MAX_LABEL + " characters");
            }
            Optional<String> group = iamName("group");
            Optional<String> policy = iamName("policy");
            Optional<String> document = document(file);
            Set<String> approvers = ids("approvers", SLACK_USER, "Slack user IDs (U…)").orElse(Set.of());
            Optional<String> usergroup = string("approverUsergroup", false);
            usergroup.filter(g -> !USERGROUP.matcher(g).matches()).ifPresent(g -> problem("approverUsergroup",
                    "must be a Slack user group ID (S…), got '" + g + "'"));
            OptionalInt required = approvalsRequired();
            List<GrantDuration> durations = durations();
            Optional<GrantDuration> byDefault = string("defaultDuration", false).flatMap(d -> {
                Optional<GrantDuration> parsed = GrantDuration.parse(d);
                if (parsed.isEmpty()) {
                    problem("defaultDuration", "'" + d + "' is not a duration (<n>s, <n>m, <n>h, <n>d or permanent)");
                } else if (!durations.isEmpty() && durations.stream().noneMatch(c -> c.length()
                        .equals(parsed.get().length()))) {
                    problem("defaultDuration", "must be one of the level's durations (got '" + d + "')");
                }
                return parsed;
            });
            Set<AccessType> types = accessTypes();
            Optional<Set<String>> requesters = ids("requesters", SLACK_USER, "Slack user IDs (U…)");
            if (problems.list().size() > before || named.isEmpty() || group.isEmpty() || policy.isEmpty()
                    || document.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AccessLevel(name, label, group.get(), policy.get(), document.get(), approvers,
                    usergroup, required, durations, byDefault, types, requesters));
        }

        private Optional<String> string(String field, boolean required) {
            JsonElement e = json.get(field);
            if (e == null || e.isJsonNull()) {
                if (required) {
                    problem(field, "is required");
                }
                return Optional.empty();
            }
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
                problem(field, "must be a non-empty string");
                return Optional.empty();
            }
            return Optional.of(e.getAsString().trim());
        }

        private Optional<String> iamName(String field) {
            return string(field, true).flatMap(v -> {
                try {
                    return Optional.of(ProvisioningSettingsCheck.iamName("it").convert(v));
                } catch (IllegalArgumentException e) {
                    problem(field, "must be 1–128 characters of letters, digits and +=,.@_- (got '" + v + "')");
                    return Optional.empty();
                }
            });
        }

        private Optional<String> document(Path file) {
            boolean inline = json.has("document");
            boolean beside = json.has("documentFile");
            if (inline == beside) {
                problem("document", "give exactly one of document (the policy) and documentFile (a file beside the "
                        + "levels file)");
                return Optional.empty();
            }
            String field = inline ? "document" : "documentFile";
            String text;
            if (inline) {
                if (!json.get("document").isJsonObject()) {
                    problem(field, "must be an IAM policy document (a JSON object)");
                    return Optional.empty();
                }
                text = json.get("document").toString();
            } else {
                Optional<String> relative = string(field, true);
                if (relative.isEmpty()) {
                    return Optional.empty();
                }
                Path parent = file.toAbsolutePath().getParent();
                Path policyFile = parent.resolve(relative.get()).normalize();
                try {
                    text = JsonParser.parseString(Files.readString(policyFile, StandardCharsets.UTF_8)).toString();
                } catch (IOException e) {
                    problem(field, policyFile + " cannot be read: " + e.getClass().getSimpleName());
                    return Optional.empty();
                } catch (JsonParseException e) {
                    problem(field, policyFile + " is not JSON: " + firstLine(e.getMessage()));
                    return Optional.empty();
                }
            }
            Optional<String> wrong = ManagedPolicy.documentProblem(text);
            wrong.ifPresent(w -> problem(field, "the policy document " + w));
            return wrong.isPresent() ? Optional.empty() : Optional.of(text);
        }

        private Optional<List<String>> strings(String field) {
            JsonElement e = json.get(field);
            if (e == null || e.isJsonNull()) {
                return Optional.empty();
            }
            if (!e.isJsonArray()) {
                problem(field, "must be a list of strings");
                return Optional.of(List.of());
            }
            List<String> out = new ArrayList<>();
            for (JsonElement item : e.getAsJsonArray()) {
                if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                    problem(field, "must be a list of strings");
                    return Optional.of(List.of());
                }
                out.add(item.getAsString().trim());
            }
            return Optional.of(out);
        }

        private Optional<Set<String>> ids(String field, Pattern shape, String what) {
            return strings(field).map(list -> {
                Set<String> ids = new LinkedHashSet<>();
                for (String id : list) {
                    if (shape.matcher(id).matches()) {
                        ids.add(id);
                    } else {
                        problem(field, "must be " + what + ", got '" + id + "'");
                    }
                }
                if (list.isEmpty()) {
                    problem(field, "must name at least one, or be left out");
                }
                return Set.copyOf(ids);
            });
        }

        private OptionalInt approvalsRequired() {
            JsonElement e = json.get("approvalsRequired");
            if (e == null || e.isJsonNull()) {
                return OptionalInt.empty();
            }
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                double n = e.getAsDouble();
                if (n == Math.rint(n) && n >= 1 && n <= MAX_APPROVALS) {
                    return OptionalInt.of((int) n);
                }
            }
            problem("approvalsRequired", "must be a whole number from 1 to " + MAX_APPROVALS + " (got " + e + ")");
            return OptionalInt.empty();
        }

        private List<GrantDuration> durations() {
            List<GrantDuration> durations = new ArrayList<>();
            strings("durations").ifPresent(list -> {
                for (String word : list) {
                    Optional<GrantDuration> d = GrantDuration.parse(word);
                    if (d.isEmpty()) {
                        problem("durations", "'" + word + "' is not a duration (<n>s, <n>m, <n>h, <n>d or permanent)");
                    } else if (durations.stream().noneMatch(c -> c.length().equals(d.get().length()))) {
                        durations.add(d.get());
                    }
                }
                if (list.isEmpty()) {
                    problem("durations", "must offer at least one duration, or be left out");
                }
            });
            return List.copyOf(durations);
        }

        private Set<AccessType> accessTypes() {
            Optional<List<String>> words = strings("accessTypes");
            if (words.isEmpty()) {
                return Set.of(AccessType.values());
            }
            Set<AccessType> types = new LinkedHashSet<>();
            for (String word : words.get()) {
                AccessType.parse(word).ifPresentOrElse(types::add, () -> problem("accessTypes",
                        "must be console, programmatic or both, got '" + word + "'"));
            }
            if (words.get().isEmpty()) {
                problem("accessTypes", "must offer at least one access type, or be left out");
            }
            return Set.copyOf(types);
        }
    }
}
