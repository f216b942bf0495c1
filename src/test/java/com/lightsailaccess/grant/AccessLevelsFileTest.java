package com.lightsailaccess.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.testing.SettingsFromMap;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code LIGHTSAIL_ACCESS_LEVELS}: the shipped examples read as written; a bad file names the level and the field. */
class AccessLevelsFileTest {

    static final Path EXAMPLES = Path.of("deploy/levels/levels.json");

    @TempDir
    Path dir;

    /** The file, with {@code LIGHTSAIL_IAM_GROUP=G}, the group of the levels written here. */
    private static AccessLevels read(Path file, Problems problems) {
        Map<String, String> settings = Map.of("lightsail.access-levels", file.toString(), "lightsail.iam-group", "G");
        return ProvisioningSettingsCheck.levels(BotPolicyCommandTest.settings(settings),
                ProvisioningSettingsCheck.read(BotPolicyCommandTest.settings(settings), problems), problems);
    }

    private List<String> problemsOf(String json) throws IOException {
        Path file = dir.resolve("levels.json");
        Files.writeString(file, json);
        Files.writeString(dir.resolve("p.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"lightsail:Get*\",\"Resource\":\"*\"}]}");
        Problems problems = new Problems();
        read(file, problems);
        return problems.list();
    }

    private static String level(String fields) {
        return "{\"levels\":[{\"name\":\"readonly\",\"group\":\"G\",\"policy\":\"P\",\"documentFile\":\"p.json\""
                + fields + "}]}";
    }

    @Test
    void withoutAFileThereIsOneLevelFromTheSettingsAndNothingNamesIt() {
        Problems problems = new Problems();
        AccessLevels levels = ProvisioningSettingsCheck.levels(BotPolicyCommandTest.settings(Map.of()),
                ProvisioningSettingsCheck.read(BotPolicyCommandTest.settings(Map.of()), problems), problems);
        assertEquals(List.of(), problems.list());
        assertFalse(levels.named());
        assertEquals(1, levels.all().size());
        AccessLevel full = levels.byDefault();
        assertEquals("LightsailFullAccessGroup", full.group());
        assertEquals("LightsailFullAccessPolicy", full.policy());
        assertTrue(full.document().contains("\"lightsail:*\""), full.document());
        assertEquals(Optional.of(full), levels.of(null), "a request filed without levels is at the default");
    }

    @Test
    void theShippedExamplesReadAsWritten() {
        Problems problems = new Problems();
        AccessLevels levels = ProvisioningSettingsCheck.levels(BotPolicyCommandTest.settings(Map.of(
                "lightsail.access-levels", EXAMPLES.toString())), ProvisioningSettingsCheck.read(
                        BotPolicyCommandTest.settings(Map.of()), problems), problems);
        assertEquals(List.of(), problems.list());
        assertTrue(levels.named());
        assertEquals(List.of("full", "readonly", "team-blog"), levels.all().stream().map(AccessLevel::name).toList());
        assertEquals("full", levels.byDefault().name(), "the first is the default");
        AccessLevel readonly = levels.find("ReadOnly").orElseThrow();
        assertEquals("LightsailReadOnlyGroup", readonly.group());
        assertEquals("LightsailReadOnlyPolicy", readonly.policy());
        assertTrue(readonly.document().contains("lightsail:Get*"));
        assertEquals(Optional.of(GrantDuration.parse("7d").orElseThrow()), readonly.defaultDuration());
        assertEquals(Set.of(AccessType.values()), readonly.accessTypes(), "every type when the file names none");
        assertFalse(readonly.ownApprovers(), "the admins approve a level that names nobody");
        assertTrue(levels.find("team-blog").orElseThrow().document().contains("aws:RequestTag/team"));
        assertEquals(Optional.empty(), levels.of("gone"), "a level the file no longer has");
        assertEquals(Optional.of(levels.find("full").orElseThrow()), levels.of(null),
                "a grant made without the file is at the level of LIGHTSAIL_IAM_GROUP");
    }

    @Test
    void eachProblemNamesTheLevelAndTheField() throws IOException {
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', approvalsRequired: must be a whole number "
                + "from 1 to 10 (got 0)"), prefixless(problemsOf(level(",\"approvalsRequired\":0"))));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', defaultDuration: must be one of the level's "
                + "durations (got '30d')"), prefixless(problemsOf(level(",\"durations\":[\"1d\"],"
                        + "\"defaultDuration\":\"30d\""))));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', aprovers: is not a field of a level "
                + "(accessTypes, approvalsRequired, approverUsergroup, approvers, defaultDuration, document, "
                + "documentFile, durations, group, label, name, policy, requesters)"),
                prefixless(problemsOf(level(",\"aprovers\":[\"U0ALICE\"]"))));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', approvers: must be Slack user IDs (U…), "
                + "got 'alice'"), prefixless(problemsOf(level(",\"approvers\":[\"alice\"]"))));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', accessTypes: must be console, programmatic "
                + "or both, got 'root'"), prefixless(problemsOf(level(",\"accessTypes\":[\"root\"]"))));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'status', name: 'status' is a word of the command; "
                + "choose another name"), prefixless(problemsOf("{\"levels\":[{\"name\":\"status\",\"group\":\"G\","
                        + "\"policy\":\"P\",\"documentFile\":\"p.json\"}]}")));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', document: give exactly one of document (the "
                + "policy) and documentFile (a file beside the levels file)"), prefixless(problemsOf(
                        "{\"levels\":[{\"name\":\"readonly\",\"group\":\"G\",\"policy\":\"P\"}]}")));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', document: the policy document needs "
                + "\"Version\": \"2012-10-17\""), prefixless(problemsOf("{\"levels\":[{\"name\":\"readonly\","
                        + "\"group\":\"G\",\"policy\":\"P\",\"document\":{\"Statement\":[]}}]}")));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'b', group: 'g' is already the group of level 'a'"),
                prefixless(problemsOf("{\"levels\":[{\"name\":\"a\",\"group\":\"G\",\"policy\":\"P\","
                        + "\"documentFile\":\"p.json\"},{\"name\":\"b\",\"group\":\"g\",\"policy\":\"Q\","
                        + "\"documentFile\":\"p.json\"}]}")));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'a', policy: 'LightsailFirstSignInPolicy' is already "
                + "LIGHTSAIL_FIRST_SIGN_IN_POLICY"), prefixless(problemsOf("{\"levels\":[{\"name\":\"a\",\"group\":"
                        + "\"G\",\"policy\":\"LightsailFirstSignInPolicy\",\"documentFile\":\"p.json\"}]}")));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS, level 'readonly', documentFile: " + dir.resolve("nope.json")
                + " cannot be read: NoSuchFileException"), prefixless(problemsOf("{\"levels\":[{\"name\":"
                        + "\"readonly\",\"group\":\"G\",\"policy\":\"P\",\"documentFile\":\"nope.json\"}]}")));
        List<String> notJson = problemsOf("{\"levels\": [");
        assertEquals(1, notJson.size(), notJson.toString());
        assertTrue(notJson.get(0).startsWith("LIGHTSAIL_ACCESS_LEVELS (" + dir.resolve("levels.json")
                + ") is not JSON"), notJson.get(0));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS (" + dir.resolve("levels.json") + ") must be an object whose "
                + "\"levels\" is a list of at least one level"), problemsOf("{\"levels\":[]}"));
        assertEquals(List.of("LIGHTSAIL_ACCESS_LEVELS (" + dir.resolve("levels.json") + "): no level has the group "
                + "'G' (LIGHTSAIL_IAM_GROUP), where grants made without a levels file are; give one level that group, "
                + "or set LIGHTSAIL_IAM_GROUP to the group of the level such grants belong to"),
                problemsOf("{\"levels\":[{\"name\":\"a\",\"group\":\"Other\",\"policy\":\"P\","
                        + "\"documentFile\":\"p.json\"}]}"));
    }

    @Test
    void aBadFileStopsStartUpWithTheOneSettingsMessageAmongTheOtherProblems() throws IOException {
        Path file = dir.resolve("levels.json");
        Files.writeString(file, level(",\"approvalsRequired\":\"two\""));
        ConfigurationException stop = assertThrows(ConfigurationException.class, () -> SettingsFromMap.of(Map.of(
                "LIGHTSAIL_ACCESS_LEVELS", file.toString(), "LIGHTSAIL_IAM_GROUP", "G", "LIGHTSAIL_DURATIONS",
                "1d,forever")).check());
        assertTrue(stop.getMessage().contains("LIGHTSAIL_ACCESS_LEVELS (" + file + "), level 'readonly', "
                + "approvalsRequired: must be a whole number from 1 to 10 (got \"two\")"), stop.getMessage());
        assertTrue(stop.getMessage().contains("LIGHTSAIL_DURATIONS: 'forever' is not a duration"),
                "with every other problem: " + stop.getMessage());
    }

    /** The problem without the file's path, which the first part of each one names. */
    private List<String> prefixless(List<String> problems) {
        String where = "LIGHTSAIL_ACCESS_LEVELS (" + dir.resolve("levels.json") + "), ";
        return problems.stream().map(p -> p.startsWith(where) ? "LIGHTSAIL_ACCESS_LEVELS, " + p.substring(where
                .length()) : p).toList();
    }
}
