package com.lightsailaccess.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.request.RequestMessages;
import com.lightsailaccess.testing.SettingsFromMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What people are told they can type: every command of the manifest in {@code help}, every form in the hint. */
class HelpAndManifestTest {

    static final Path MANIFEST = Path.of("slack-app-manifest.yml");

    static List<String> commands() throws IOException {
        List<String> commands = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s*- command: (\\S+)").matcher(Files.readString(MANIFEST));
        while (m.find()) {
            commands.add(m.group(1));
        }
        return commands;
    }

    static String usageHint(String command) throws IOException {
        Matcher m = Pattern.compile("(?s)- command: " + Pattern.quote(command) + "\\n.*?usage_hint: \"([^\"]*)\"")
                .matcher(Files.readString(MANIFEST));
        assertTrue(m.find(), "no usage hint for " + command);
        return m.group(1);
    }

    @Test
    void helpNamesEveryCommandTheAppHas() throws IOException {
        String help = RequestMessages.help(SettingsFromMap.defaults().value(RequestChoices.class));
        assertEquals(List.of("/lightsail-access", "/lightsail-revoke", "/lightsail-audit"), commands());
        for (String command : commands()) {
            assertTrue(help.contains("`" + command), command + " is missing from help: " + help);
        }
        for (String word : List.of("status", "done", "help", "for <duration>", "since <duration>", "delete")) {
            assertTrue(help.contains(word), word + " is missing from help");
        }
    }

    @Test
    void theRequestCommandsHintShowsEveryFormItTakes() throws IOException {
        String hint = usageHint("/lightsail-access");
        for (String form : List.of("[console|programmatic|both]", "[for <duration>]", "<reason>", "status", "done",
                "help")) {
            assertTrue(hint.contains(form), form + " is missing from the hint: " + hint);
        }
    }
}
