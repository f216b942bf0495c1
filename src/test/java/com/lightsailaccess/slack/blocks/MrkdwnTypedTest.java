package com.lightsailaccess.slack.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MrkdwnTypedTest {

    @Test
    void entitiesAreDecodedOnceAndOnlyOnce() {
        assertEquals("R&D <b> a > b", Mrkdwn.typed("R&amp;D &lt;b&gt; a &gt; b"));
        assertEquals("&lt; is how you write <", Mrkdwn.typed("&amp;lt; is how you write &lt;"));
        assertEquals("plain text, no markup", Mrkdwn.typed("plain text, no markup"));
    }

    @Test
    void controlSequencesBecomeWhatThePersonTyped() {
        assertEquals("@ada and @U0BOB", Mrkdwn.typed("<@U0ADA|ada> and <@U0BOB>"));
        assertEquals("@channel @here @everyone @admins", Mrkdwn.typed(
                "<!channel> <!here> <!everyone> <!subteam^S0ADMINS|@admins>"));
        assertEquals("#general #C0X", Mrkdwn.typed("<#C0GEN|general> <#C0X>"));
        assertEquals("ada@example.com", Mrkdwn.typed("<mailto:ada@example.com|ada@example.com>"));
    }

    @Test
    void linksShowTheirAddress() {
        assertEquals("example.com/a?b=1&c=2", Mrkdwn.typed(
                "<http://example.com/a?b=1&amp;c=2|example.com/a?b=1&amp;c=2>"));
        assertEquals("https://example.com", Mrkdwn.typed("<https://example.com>"));
        assertEquals("click (https://evil.example)", Mrkdwn.typed("<https://evil.example|click>"));
    }
}
