package com.lightsailaccess.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lightsailaccess.slack.blocks.Mrkdwn;
import org.junit.jupiter.api.Test;

class MrkdwnTest {

    @Test
    void escapesExactlyAmpersandAndAngleBrackets() {
        assertEquals("&lt;!channel&gt; &amp; &lt;@U1|x&gt; *bold* _it_ \"q\" 'a'",
                Mrkdwn.escape("<!channel> & <@U1|x> *bold* _it_ \"q\" 'a'"));
        assertEquals("&amp;amp;", Mrkdwn.escape("&amp;"));
    }

    @Test
    void quotesEveryLine() {
        assertEquals("&gt; one\n&gt; &lt;two&gt;", Mrkdwn.quote("one\n<two>"));
    }
}
