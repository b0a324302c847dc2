package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> split(String paragraph) {
        List<String> out = new ArrayList<>();
        new SentenceSplitter().split(paragraph, out::add);
        return out;
    }

    // sentence ends split; abbreviations such as "Mr." do not
    @Test
    void splitsAtSentenceEnds() {
        assertEquals(List.of("Mr. Smith met Jones.", "He spoke!", "Did they listen?"),
                split("Mr. Smith met Jones. He spoke! Did they listen?"));
    }

    // line breaks and runs of white space inside a sentence become one space; no blank sentences
    // (bug: ICU ends a sentence at every line break, but a paragraph's line breaks carry no meaning)
    @Test
    void collapsesWhiteSpace() {
        assertEquals(List.of("One sentence across lines.", "Two."),
                split("  One   sentence\nacross\u00A0lines.\n\nTwo.  "));
        assertEquals(List.of(), split("   \n "));
    }
}
