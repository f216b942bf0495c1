package com.lightsailaccess.grant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The credentials DM: the secrets are in the blocks sent once, never in toString() or the notification text. */
class CredentialsMessageTest {

    private static String json(List<LayoutBlock> blocks) {
        // As the Slack client serialises them: snake_case, without HTML escaping.
        return GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create().toJson(blocks);
    }

    @Test
    void theCredentialsMessageHidesItsSecretsFromToString() {
        CredentialsMessage dm = new CredentialsMessage(7, "ada@example.com", "https://1.signin.aws.amazon.com/console",
                Optional.of("Pa55-word!Secret"), Optional.of("AKIA123"), Optional.of("s3cr3t/Key+Value"), false);
        assertFalse(dm.toString().contains("Pa55-word!Secret") || dm.toString().contains("s3cr3t/Key+Value"));
        assertTrue(dm.toString().contains("AKIA123"));
        String blocks = json(dm.blocks());
        assertTrue(blocks.contains("Pa55-word!Secret") && blocks.contains("s3cr3t/Key+Value"));
        assertTrue(blocks.contains("only time"));
        assertFalse(GrantMessages.credentialsFallback(7).contains("Pa55"));
    }

    @Test
    void withMfaRequiredAConsoleUserIsToldTheFirstSignInsStepsInOrder() {
        String without = json(new CredentialsMessage(7, "ada@example.com", "https://x", Optional.of("pw"),
                Optional.empty(), Optional.empty(), false).blocks());
        assertTrue(without.contains("You must choose a new password when you first sign in.") && !without.contains(
                "MFA"), without);
        String with = json(new CredentialsMessage(7, "ada@example.com", "https://x", Optional.of("pw"),
                Optional.empty(), Optional.empty(), true).blocks());
        int password = with.indexOf("Choose a new password");
        int device = with.indexOf("Add an MFA device");
        int again = with.indexOf("Sign out and sign in again with the MFA code");
        assertTrue(password > 0 && device > password && again > device, with);
        String keyOnly = json(new CredentialsMessage(7, "ada@example.com", "https://x", Optional.empty(),
                Optional.of("AKIA1"), Optional.of("s"), true).blocks());
        assertFalse(keyOnly.contains("MFA"), "an access key needs no MFA: " + keyOnly);
    }
}
