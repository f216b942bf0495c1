package com.lightsailaccess.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Slack app manifest asks for exactly the bot scopes the code needs: every Web API method the code calls, the
 * slash commands and the events it subscribes to, each with the scopes Slack's method reference names. A scope
 * nobody uses is a permission nobody should have to grant.
 */
class ManifestScopesTest {

    /** Slack's method reference: the bot scopes each method needs (none: it works with any bot token). */
    static final Map<String, Set<String>> METHOD_SCOPES = Map.ofEntries(
            Map.entry("chatPostMessage", Set.of("chat:write")),
            Map.entry("chatUpdate", Set.of("chat:write")),
            Map.entry("chatPostEphemeral", Set.of("chat:write")),
            Map.entry("viewsOpen", Set.of()),
            // auth.test: the start-up check of the token; any token may ask who it is.
            Map.entry("authTest", Set.of()),
            Map.entry("viewsUpdate", Set.of()),
            Map.entry("viewsPublish", Set.of()),
            // users.info, and users:read.email for the profile's e-mail, which names the IAM user.
            Map.entry("usersInfo", Set.of("users:read", "users:read.email")),
            Map.entry("usergroupsUsersList", Set.of("usergroups:read")),
            Map.entry("conversationsOpen", Set.of("im:write")),
            Map.entry("filesGetUploadURLExternal", Set.of("files:write")),
            Map.entry("filesCompleteUploadExternal", Set.of("files:write")));

    /** The client's own way of sending a form: the Web API method it sends is the Methods constant next to it. */
    static final Set<String> TRANSPORT = Set.of("runPostFormWithToken");

    /** {@code CHAT_POST_MESSAGE} → {@code chatPostMessage}, the name of the client's method for it. */
    static String camelCase(String constant) {
        StringBuilder name = new StringBuilder();
        for (String part : constant.toLowerCase(java.util.Locale.ROOT).split("_")) {
            name.append(name.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return name.toString();
    }

    /** Events the manifest subscribes to, and the scope each needs. */
    static final Map<String, String> EVENT_SCOPES = Map.of("user_change", "users:read", "app_home_opened", "");

    @Test
    void theManifestAsksForExactlyTheScopesTheCodeNeeds() throws IOException {
        Set<String> needed = new TreeSet<>();
        Set<String> called = new TreeSet<>();
        Pattern methodCall = Pattern.compile("client\\.([a-zA-Z]+)\\(");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = methodCall.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    called.add(m.group(1));
                }
            }
        }
        // Calls that send a form themselves (client.runPostFormWithToken) name their method with the SDK's constant.
        Pattern methodConstant = Pattern.compile("Methods\\.([A-Z_]+)\\b");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = methodConstant.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    called.add(camelCase(m.group(1)));
                }
            }
        }
        assertTrue(called.contains("chatPostMessage"), "the scan found the calls named by the SDK's constants");
        called.removeAll(TRANSPORT);
        assertFalse(called.isEmpty(), "the scan found the Web API calls");
        for (String method : called) {
            assertTrue(METHOD_SCOPES.containsKey(method), "the code calls " + method + ": add its scopes here");
            needed.addAll(METHOD_SCOPES.get(method));
        }
        List<String> manifest = Files.readAllLines(Path.of("slack-app-manifest.yml"), StandardCharsets.UTF_8);
        if (manifest.stream().anyMatch(l -> l.trim().startsWith("- command:"))) {
            needed.add("commands");
        }
        for (String event : listUnder(manifest, "bot_events:")) {
            assertTrue(EVENT_SCOPES.containsKey(event), "the manifest subscribes to " + event + ": add its scope here");
            if (!EVENT_SCOPES.get(event).isEmpty()) {
                needed.add(EVENT_SCOPES.get(event));
            }
        }
        assertEquals(needed, new TreeSet<>(listUnder(manifest, "bot:")), "bot scopes in slack-app-manifest.yml");
    }

    /** The items of the YAML list right under the first line that is {@code key}. */
    static List<String> listUnder(List<String> lines, String key) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(key)) {
                start = i + 1;
                break;
            }
        }
        assertTrue(start > 0, key + " not found in the manifest");
        return lines.subList(start, lines.size()).stream().takeWhile(l -> l.trim().startsWith("- "))
                .map(l -> l.trim().substring(2).trim()).toList();
    }
}
