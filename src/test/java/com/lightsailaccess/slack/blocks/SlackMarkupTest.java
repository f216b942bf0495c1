package com.lightsailaccess.slack.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlackMarkupTest {

    @Test
    void entitiesAreDecodedOnceAndOnlyOnce() {
        assertEquals("R&D <b> a > b", SlackMarkup.typed("R&amp;D &lt;b&gt; a &gt; b"));
        assertEquals("&lt; is how you write <", SlackMarkup.typed("&amp;lt; is how you write &lt;"));
        assertEquals("plain text, no markup", SlackMarkup.typed("plain text, no markup"));
    }

    @Test
    void controlSequencesBecomeWhatThePersonTyped() {
        assertEquals("@ada and @U0BOB", SlackMarkup.typed("<@U0ADA|ada> and <@U0BOB>"));
        assertEquals("@channel @here @everyone @admins", SlackMarkup.typed(
                "<!channel> <!here> <!everyone> <!subteam^S0ADMINS|@admins>"));
        assertEquals("#general #C0X", SlackMarkup.typed("<#C0GEN|general> <#C0X>"));
        assertEquals("ada@example.com", SlackMarkup.typed("<mailto:ada@example.com|ada@example.com>"));
    }

    @Test
    void linksShowTheirAddress() {
        assertEquals("example.com/a?b=1&c=2", SlackMarkup.typed(
                "<http://example.com/a?b=1&amp;c=2|example.com/a?b=1&amp;c=2>"));
        assertEquals("https://example.com", SlackMarkup.typed("<https://example.com>"));
        assertEquals("click (https://evil.example)", SlackMarkup.typed("<https://evil.example|click>"));
    }
}
