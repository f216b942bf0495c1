package com.lightsailaccess.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenesTest {

    private static Map<String, String> pages() {
        SlackPage page = new SlackPage(Scenes.PEOPLE);
        Map<String, String> pages = new HashMap<>();
        for (Scene scene : Scenes.all()) {
            assertTrue(scene.name().matches("[a-z][a-z-]*"), scene.name());
            assertEquals(null, pages.put(scene.name(), scene.html(page, Scenes.TIME)), "two scenes named "
                    + scene.name());
        }
        return pages;
    }

    @Test
    void everyPictureIsDrawnFromTheBotsOwnBlocks() {
        Map<String, String> pages = pages();
        String request = pages.get("approval-request");
        assertTrue(request.contains("<span class=\"btn primary\">Approve</span><span class=\"btn danger\">Deny"
                + "</span>"), request);
        assertTrue(request.contains("<span class=\"mention\">@Ada Lovelace</span> asks for"), request);
        // The reason as the person typed it, escaped once by the bot and once for the page.
        assertTrue(request.contains("resize it &amp; check the load balancer&#39;s &lt;health checks&gt;."));
        String approved = pages.get("approval-approved");
        assertTrue(approved.contains("Approved by <span class=\"mention\">@Grace Hopper</span>")
                && !approved.contains("class=\"btn"), approved);
        String dm = pages.get("credentials-dm");
        assertTrue(dm.contains("<code>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</code>")
                && dm.contains("<code>EXAMPLE-not-a-real-password</code>"), dm);
        String modal = pages.get("request-modal");
        assertTrue(modal.contains("<span class=\"btn primary\">Request</span>") && modal.contains("Reason"), modal);
    }
}
