package com.lightsailaccess.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackPageTest {

    private static final SlackPage PAGE = new SlackPage(Map.of("U0ADA", "Ada Lovelace"));

    private static JsonArray blocks(String json) {
        return JsonParser.parseString(json).getAsJsonArray();
    }

    private static String section(String mrkdwn) {
        JsonObject text = new JsonObject();
        text.addProperty("type", "mrkdwn");
        text.addProperty("text", mrkdwn);
        JsonObject section = new JsonObject();
        section.addProperty("type", "section");
        section.add("text", text);
        JsonArray blocks = new JsonArray();
        blocks.add(section);
        String page = PAGE.message("general", false, "9:00 AM", blocks);
        return page.substring(page.indexOf("<div class=\"section-text\">") + 26, page.indexOf("</div>",
                page.indexOf("<div class=\"section-text\">")));
    }

    @Test
    void aBlockTypeItDoesNotKnowIsRefusedByNameAndPlace() {
        UnknownBlockKitType e = assertThrows(UnknownBlockKitType.class, () -> SlackPage.check(blocks(
                "[{\"type\":\"divider\"},{\"type\":\"video\",\"title\":{\"type\":\"plain_text\",\"text\":\"x\"}}]")));
        assertTrue(e.getMessage().contains("block type \"video\" at blocks[1]"), e.getMessage());
    }

    @Test
    void anElementOrTextTypeItDoesNotKnowIsRefusedWhereverItIs() {
        UnknownBlockKitType overflow = assertThrows(UnknownBlockKitType.class, () -> SlackPage.check(blocks(
                "[{\"type\":\"actions\",\"elements\":[{\"type\":\"overflow\",\"options\":[]}]}]")));
        assertTrue(overflow.getMessage().contains("element type \"overflow\" at blocks[0].elements[0]"));
        UnknownBlockKitType image = assertThrows(UnknownBlockKitType.class, () -> SlackPage.check(blocks(
                "[{\"type\":\"context\",\"elements\":[{\"type\":\"image\",\"image_url\":\"x\",\"alt_text\":\"y\"}]}]")));
        assertTrue(image.getMessage().contains("context element type \"image\""), image.getMessage());
        UnknownBlockKitType accessory = assertThrows(UnknownBlockKitType.class, () -> SlackPage.check(blocks(
                "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"a\"},"
                        + "\"accessory\":{\"type\":\"datepicker\"}}]")));
        assertTrue(accessory.getMessage().contains("\"datepicker\" at blocks[0].accessory"));
        UnknownBlockKitType view = assertThrows(UnknownBlockKitType.class, () -> SlackPage.checkView(
                JsonParser.parseString("{\"type\":\"workflow_step\",\"blocks\":[]}").getAsJsonObject()));
        assertTrue(view.getMessage().contains("view type \"workflow_step\""));
    }

    @Test
    void textBecomesHtmlTextNeverMarkup() {
        String plain = PAGE.message("general", false, "9:00 AM", blocks("[{\"type\":\"header\",\"text\":"
                + "{\"type\":\"plain_text\",\"text\":\"<script>alert('x')</script> & \\\"q\\\"\"}}]"));
        assertTrue(plain.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"), plain);
        assertFalse(plain.contains("<script>"));
        // As sent: a person's text escaped for Slack, so it shows as the characters they typed.
        assertEquals("&lt;img src=x onerror=alert(1)&gt; &amp;amp;", section(Mrkdwn.escape(
                "<img src=x onerror=alert(1)> &amp;")));
        assertEquals("<a href=\"https://example.com/?q=&quot;x&quot;&amp;y=1\">the &quot;docs&quot;</a>",
                section("<https://example.com/?q=\"x\"&amp;y=1|the \"docs\">"));
    }

    @Test
    void mrkdwnLooksAsSlackShowsIt() {
        assertEquals("<b>bold</b> <i>italic</i> <s>gone</s> <code>a &lt;b&gt;</code> snake_case_name *not bold",
                section("*bold* _italic_ ~gone~ `a &lt;b&gt;` snake_case_name *not bold"));
        assertEquals("<b>IAM user:</b> <code>ada@example.com</code>", section("*IAM user:* `ada@example.com`"));
        assertEquals("<b>in <i>both</i></b>", section("*in _both_*"));
        assertEquals("one<br>two<pre>x &lt; y\n  z</pre>after", section("one\ntwo```x &lt; y\n  z```after"));
        assertEquals("<b>Why</b><blockquote>first<br>&lt;second&gt;</blockquote>",
                section("*Why*\n&gt; first\n&gt; &lt;second&gt;"));
        assertEquals("<span class=\"emoji\">\u2705</span> done :party_parrot:",
                section(":white_check_mark: done :party_parrot:"));
        assertEquals("<span class=\"mention\">@Ada Lovelace</span> and <span class=\"mention\">@U0BOB</span>, "
                + "<span class=\"mention\">@here</span> in <span class=\"mention\">#ops</span>",
                section("<@U0ADA> and <@U0BOB>, <!here> in <#C0OPS|ops>"));
        assertEquals("Sign in: <a href=\"https://example.com/x\">https://example.com/x</a>.",
                section("Sign in: https://example.com/x."));
        assertEquals("Ends Nov 27, 2026 9:41 AM.", section("Ends " + Mrkdwn.date(Instant.parse(
                "2026-11-27T09:41:30Z")) + "."));
        assertEquals("on 2026-11-27T09:41:00Z", section("on <!date^1795772460^{ago}|2026-11-27T09:41:00Z>"));
    }

    @Test
    void aModalHasItsTitleButtonsAndInputs() {
        String modal = PAGE.view(JsonParser.parseString("""
                {"type":"modal","title":{"type":"plain_text","text":"Credentials"},
                 "submit":{"type":"plain_text","text":"Save"},"close":{"type":"plain_text","text":"Close"},
                 "blocks":[
                  {"type":"input","optional":true,"label":{"type":"plain_text","text":"Note"},
                   "element":{"type":"plain_text_input","placeholder":{"type":"plain_text","text":"Say why"}}},
                  {"type":"input","label":{"type":"plain_text","text":"Kind"},
                   "element":{"type":"radio_buttons","initial_option":{"text":{"type":"plain_text","text":"B"},
                     "value":"b"},"options":[{"text":{"type":"plain_text","text":"A"},"value":"a"},
                     {"text":{"type":"plain_text","text":"B"},"value":"b"}]}},
                  {"type":"input","label":{"type":"plain_text","text":"For"},
                   "element":{"type":"static_select","placeholder":{"type":"plain_text","text":"Pick one"},
                     "options":[{"text":{"type":"plain_text","text":"1d"},"value":"1d"}]}}]}
                """).getAsJsonObject());
        assertTrue(modal.contains("<span class=\"modal-title\">Credentials</span>"), modal);
        assertTrue(modal.contains("<span class=\"btn\">Close</span><span class=\"btn primary\">Save</span>"));
        assertTrue(modal.contains("Note <span class=\"optional\">(optional)</span>"));
        assertTrue(modal.contains("<span class=\"placeholder\">Say why</span>"));
        assertTrue(modal.contains("<span class=\"dot\"></span><div>A</div>")
                && modal.contains("<span class=\"dot on\"></span><div>B</div>"), modal);
        assertTrue(modal.contains("<div class=\"select placeholder\"><span>Pick one</span>"));
    }

    @Test
    void aHomeTabHasItsTabsAndSectionsWithFieldsAndButtons() {
        String home = PAGE.view(JsonParser.parseString("""
                {"type":"home","blocks":[{"type":"header","text":{"type":"plain_text","text":"Your access"}},
                 {"type":"section","fields":[{"type":"mrkdwn","text":"*Type*\\nconsole"},
                   {"type":"mrkdwn","text":"*Ends*\\nnever"}],
                  "accessory":{"type":"button","style":"danger","text":{"type":"plain_text","text":"Give back"},
                   "action_id":"x"}},
                 {"type":"divider"},{"type":"context","elements":[{"type":"plain_text","text":"3 more"}]}]}
                """).getAsJsonObject());
        assertTrue(home.contains("<span class=\"tab selected\">Home</span>"), home);
        assertTrue(home.contains("<div class=\"fields\"><div><b>Type</b><br>console</div><div><b>Ends</b><br>never"
                + "</div></div>"), home);
        assertTrue(home.contains("<div class=\"accessory\"><span class=\"btn danger\">Give back</span></div>"));
        assertTrue(home.contains("<div class=\"block divider\"></div>")
                && home.contains("<div class=\"block context\"><span>3 more</span></div>"));
    }

    @Test
    void aPictureIsCutBelowItsContent() {
        BufferedImage image = new BufferedImage(10, 400, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 10; x++) {
                image.setRGB(x, y, y < 100 ? 0x000000 : y < 110 ? 0x7a7a7a + 0x0a0a0a : 0x7a7a7a);
            }
        }
        // Rows 100-109 are a faint shadow on the grey background: cut with it.
        assertEquals(100 + DrawPictures.MARGIN, DrawPictures.cropped(image).getHeight());
    }
}
