package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {

    private static String apply(String chain, String text) {
        return Normalizer.parse(List.of(chain)).apply(text);
    }

    // the ascii alias: typographic quotes and dashes, ellipsis, ligatures and accents to ASCII
    @Test
    void asciiChain() {
        assertEquals("\"It's -- well...\" said Zoe - 2", apply("ascii", "\u201CIt\u2019s \u2014 well\u2026\u201D said Zo\u00eb \u2013 2"));
        assertEquals("office", apply("ascii", "o\uFB03ce")); // NFKC expands the ffi ligature
        assertEquals(List.of("nfkc", "ascii-punct", "ascii-fold"), Normalizer.parse(List.of("ascii")).steps());
    }

    // collapse-space folds every Unicode space, no-break and em space included (bug: only ASCII white space)
    @Test
    void collapseSpaceIsUnicodeAware() {
        assertEquals("a b c", apply("collapse-space", "a \u00A0\u2003b\t\n c"));
    }

    // html-strip then lowercase: tags go, entities decode, case folds
    @Test
    void htmlAndLowercase() {
        assertEquals("fish & chips", apply("html-strip,lowercase", "<b>Fish</b> &amp; CHIPS"));
    }

    // a normalised line holds no line break: html-strip's block tags become spaces (bug: "\nHello world\n", and
    // a newline in the vocabulary); collapse-space also trims both ends (bug: " a b ")
    @Test
    void normalisedLineIsOneLine() {
        assertEquals(" Hello world ", apply("html-strip", "<p>Hello world</p>"));
        assertEquals("Hello world", apply("html-strip,collapse-space", "<p>Hello world</p>"));
        assertEquals("a b", apply("collapse-space", " \u2003a \u00A0 b\t "));
        assertEquals("x y", apply("lowercase", "X\u2028Y"));
    }

    // no steps or "none": no normaliser at all
    @Test
    void none() {
        assertNull(Normalizer.parse(List.of()));
        assertNull(Normalizer.parse(List.of("none")));
    }

    // misconfiguration fails fast with a message naming the step
    @Test
    void misconfiguration() {
        CorpusException unknown = assertThrows(CorpusException.class, () -> Normalizer.parse(List.of("nfkc,shout")));
        assertTrue(unknown.getMessage().startsWith("unknown normalisation step 'shout'; known steps: html-strip"),
                unknown.getMessage());
        CorpusException order = assertThrows(CorpusException.class, () -> Normalizer.parse(List.of("lowercase", "nfkc")));
        assertTrue(order.getMessage().contains("'nfkc' works on characters and must come before 'lowercase'"),
                order.getMessage());
        CorpusException twice = assertThrows(CorpusException.class, () -> Normalizer.parse(List.of("nfkc,ascii")));
        assertTrue(twice.getMessage().contains("names a step twice"), twice.getMessage());
    }

    // toString prints the whole chain
    @Test
    void printsChain() {
        assertEquals("Normalizer(html-strip -> nfkc -> lowercase)",
                Normalizer.parse(List.of("html-strip,nfkc,lowercase")).toString());
    }
}
