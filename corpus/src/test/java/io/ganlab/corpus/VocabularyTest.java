package io.ganlab.corpus;

import io.ganlab.common.Json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    private final Vocabulary cp = new Vocabulary(Symbols.CODEPOINT, new int[] {-1, '`', 'a', 'b', 0x1F600});

    // encoding: first seqLen code points, unknowns to 0, padded with the backtick's id (worked by hand)
    @Test
    void encodesLikeTheReference() {
        assertArrayEquals(new short[] {2, 3, 0, 4, 1, 1}, cp.encode("abz\uD83D\uDE00", 6));
        assertArrayEquals(new short[] {2, 2, 2}, cp.encode("aaaab", 3));
        assertArrayEquals(new short[] {1, 1}, cp.encode("", 2));
    }

    // byte mode: symbols are the UTF-8 bytes of the line
    @Test
    void byteMode() {
        Vocabulary b = new Vocabulary(Symbols.BYTE, new int[] {-1, '`', 0xC3, 0xA9, 'e'});
        assertArrayEquals(new short[] {4, 2, 3, 1}, b.encode("e\u00e9", 4));
        assertEquals(3, b.symbolLength("e\u00e9"));
        assertEquals("e\u00e9", b.decode(new short[] {4, 2, 3, 1}, true));
        assertEquals("\\xc3", b.displayOf(2));
    }

    // decoding inverts encoding for known symbols; padding strips; unk shows as U+FFFD
    @Test
    void decode() {
        assertEquals("ab\uD83D\uDE00", cp.decode(cp.encode("ab\uD83D\uDE00", 8), true));
        assertEquals("ab``", cp.decode(cp.encode("ab", 4), false));
        assertEquals("a\uFFFD", cp.decode(cp.encode("ax", 4), true));
    }

    // JSON round trip keeps symbols and codes, and writes readable display strings
    @Test
    void jsonRoundTrip() throws Exception {
        String json = Json.PRETTY.writeValueAsString(cp);
        assertTrue(json.contains("\"display\""), json);
        Vocabulary back = Json.PRETTY.readValue(json, Vocabulary.class);
        assertEquals(cp, back);
        assertEquals(List.of("unk", "`", "a", "b", "\uD83D\uDE00"), back.display());
    }

    // malformed vocabularies are refused with a message naming the problem
    @Test
    void refusesMalformed() {
        CorpusException noUnk = assertThrows(CorpusException.class, () -> new Vocabulary(Symbols.CODEPOINT, new int[] {'a'}));
        assertTrue(noUnk.getMessage().contains("must start with unk"), noUnk.getMessage());
        CorpusException twice = assertThrows(CorpusException.class,
                () -> new Vocabulary(Symbols.CODEPOINT, new int[] {-1, 'a', 'a'}));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }

    // no backtick in the vocabulary: padding is unk, and stripping does not eat unk
    @Test
    void withoutPadSymbol() {
        Vocabulary v = new Vocabulary(Symbols.CODEPOINT, new int[] {-1, 'a'});
        assertEquals(Vocabulary.UNK, v.padId());
        assertArrayEquals(new short[] {1, 0, 0}, v.encode("a", 3));
    }
}
