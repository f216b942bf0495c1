package com.lightsailaccess.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentBlocksAreDrawableTest {

    private static int checksBefore = -1;

    @Test
    @Order(1)
    void aBlockTypeThePicturesCannotDrawFailsTheTestThatSentIt() {
        checksBefore = SentBlocksAreDrawable.checks();
        FakeSlack fake = new FakeSlack();
        fake.draw("chat.postMessage", Map.of("blocks", "[{\"type\":\"divider\"},{\"type\":\"image\","
                + "\"image_url\":\"https://example.com/a.png\",\"alt_text\":\"a\"}]"));
        fake.draw("views.publish", Map.of("view", "{\"type\":\"home\",\"blocks\":[{\"type\":\"actions\","
                + "\"elements\":[{\"type\":\"overflow\",\"options\":[]}]}]}"));
        fake.draw("response_url", Map.of("blocks", "[{\"type\":\"divider\"}]"));
        List<String> undrawable = fake.takeUndrawable();
        assertEquals(2, undrawable.size(), undrawable.toString());
        AssertionError failure = assertThrows(AssertionError.class, () -> SentBlocksAreDrawable.check(undrawable));
        assertTrue(failure.getMessage().contains("chat.postMessage: The pictures' renderer")
                && failure.getMessage().contains("block type \"image\" at blocks[1]"), failure.getMessage());
        assertTrue(failure.getMessage().contains("views.publish: ")
                && failure.getMessage().contains("element type \"overflow\" at view.blocks[0].elements[0]"));
        assertEquals(List.of(), fake.takeUndrawable(), "taken once");
    }

    @Test
    @Order(2)
    void theCheckRunsAfterEveryTestOfTheSuite() {
        // Registered through META-INF/services: had autodetection been off, nothing would have counted the test above.
        assertTrue(checksBefore >= 0 && SentBlocksAreDrawable.checks() > checksBefore,
                "SentBlocksAreDrawable did not run after the previous test");
    }
}
