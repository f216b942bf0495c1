package com.lightsailaccess.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.slack.blocks.Mrkdwn;
import java.util.List;
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

    @Test
    void aLongQuoteIsCutIntoPiecesThatFitAsSentWithoutBreakingAnEntityOrACharacter() {
        String text = "&<".repeat(500) + "\n" + "☕😀".repeat(800);
        List<String> pieces = Mrkdwn.quotePieces(text, 3000);
        assertTrue(pieces.size() > 1, "5,000+ characters as sent do not fit one section");
        for (String piece : pieces) {
            assertTrue(piece.length() <= 3000, piece.length() + " characters");
            assertTrue(piece.startsWith("&gt; "), "every piece is a quote");
            assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "no character is split");
            assertTrue(piece.matches("(?s).*(&amp;|&lt;|&gt;|[^&;]|\\n)$"), "no entity is split");
        }
        StringBuilder unquoted = new StringBuilder();
        pieces.forEach(p -> unquoted.append(p.substring("&gt; ".length()).replace("\n&gt; ", "\n")));
        assertEquals(Mrkdwn.escape(text), unquoted.toString(), "nothing is lost");
        assertEquals(List.of("&gt; short"), Mrkdwn.quotePieces("short", 3000));
    }
}
