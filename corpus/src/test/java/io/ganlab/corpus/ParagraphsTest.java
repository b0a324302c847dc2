package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParagraphsTest {
    // a sentence end is a Unicode Sentence_Terminal in any script, before closing quotes and brackets at most
    @Test
    void sentenceEnds() {
        for (String s : List.of("Done.", "Really?", "Stop!\"", "(as said.)", "\u76ee\u6807\u3002", "\u0917\u092f\u093e\u0964",
                "\u0645\u0627\u0630\u0627\u061f", "\u00bfQu\u00e9?\u00bb ", "\u300c\u597d\u3002\u300d")) {
            assertTrue(Paragraphs.endsSentence(s), s);
        }
        for (String s : List.of("and so on", "Chapter 6", "\u76ee", "it was,", "Mr", "", "  ")) {
            assertFalse(Paragraphs.endsSentence(s), s);
        }
    }

    // paragraphs between blank lines: wraps joined with a space, or with nothing next to Han, kana and wide
    // punctuation; a line ending a sentence ends the paragraph; a paragraph per line: every line
    @Test
    void joining() {
        List<String> out = new ArrayList<>();
        Paragraphs p = new Paragraphs(TextLayout.PROSE_BLANK_LINE_PARAGRAPHS, 1000, out::add);
        for (String line : List.of("It was a", "dark night.", "and then", "\u76ee", "\u6807\u3002", "\u4ed6\u8bf4\uff1a",
                "OK")) {
            p.line(line);
        }
        p.end();
        assertEquals(List.of("It was a dark night.", "and then\u76ee\u6807\u3002", "\u4ed6\u8bf4\uff1aOK"), out);
        out.clear();
        Paragraphs perLine = new Paragraphs(TextLayout.PROSE_PARAGRAPH_PER_LINE, 1000, out::add);
        perLine.line("Chapter 6");
        perLine.line("It was");
        perLine.end();
        assertEquals(List.of("Chapter 6", "It was"), out);
    }
}
