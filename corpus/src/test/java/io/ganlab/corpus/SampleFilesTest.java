package io.ganlab.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleFilesTest {
    @TempDir
    Path tmp;

    /** Byte mode: unk, backtick, 'a', and the two bytes of é (0xC3 0xA9). */
    static final Vocabulary BYTES = new Vocabulary(Symbols.BYTE, new int[] {-1, '`', 'a', 0xC3, 0xA9});

    // the ids file holds the ids exactly, little-endian, and the text is what a person reads; here the text cannot
    // encode back to the ids (unk and a lone 0xA9 both become U+FFFD), which is why the ids are saved
    @Test
    void idsAreKeptExactlyWhereTheTextIsLossy() throws Exception {
        short[] ids = {2, 3, 4, 1,   // "aé" + padding
                       0, 4, 2, 1};  // unk, a lone continuation byte, 'a', padding
        Path txt = tmp.resolve("iter-00000010.txt");
        SampleFiles.write(txt, BYTES, ids, 4);
        Path idsFile = tmp.resolve("iter-00000010.ids");
        assertEquals(idsFile, SampleFiles.idsBeside(txt));
        assertArrayEquals(new byte[] {2, 0, 3, 0, 4, 0, 1, 0, 0, 0, 4, 0, 2, 0, 1, 0}, Files.readAllBytes(idsFile));
        assertEquals("a\u00E9\n\uFFFD\uFFFDa\n", Files.readString(txt, StandardCharsets.UTF_8));
        assertArrayEquals(ids, SampleFiles.readIds(idsFile, 4, BYTES.size()));
        assertTrue(SampleFiles.matches(txt, BYTES, ids, 4));
        // read back as text, the second line is 7 bytes (two U+FFFD of 3 bytes and 'a'): not the saved ids
        assertFalse(java.util.Arrays.equals(new short[] {0, 4, 2, 1}, BYTES.encode("\uFFFD\uFFFDa", 4)));
        // another vocabulary decodes the ids to another text
        Vocabulary other = new Vocabulary(Symbols.BYTE, new int[] {-1, '`', 'b', 0xC3, 0xA9});
        assertFalse(SampleFiles.matches(txt, other, ids, 4));
    }

    // an ids file of partial lines or with ids past the vocabulary is refused with a message naming the problem
    @Test
    void badIdsFilesAreRefused() throws Exception {
        Path cut = Files.write(tmp.resolve("cut.ids"), new byte[] {1, 0, 2});
        CorpusException e = assertThrows(CorpusException.class, () -> SampleFiles.readIds(cut, 4, 5));
        assertTrue(e.getMessage().contains("3 bytes is not a whole number of lines of 4"), e.getMessage());
        Path empty = Files.write(tmp.resolve("empty.ids"), new byte[0]);
        assertThrows(CorpusException.class, () -> SampleFiles.readIds(empty, 4, 5));
        Path big = Files.write(tmp.resolve("big.ids"), new byte[] {1, 0, 2, 0, 5, 0, 1, 0});
        e = assertThrows(CorpusException.class, () -> SampleFiles.readIds(big, 4, 5));
        assertTrue(e.getMessage().contains("line 1, position 3: id 5 is outside this dataset's vocabulary of 5"),
                e.getMessage());
        e = assertThrows(CorpusException.class, () -> SampleFiles.readIds(tmp.resolve("none.ids"), 4, 5));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void idsBesideAnyName() {
        assertEquals(Path.of("d/s.ids"), SampleFiles.idsBeside(Path.of("d/s.txt")));
        assertEquals(Path.of("d/s.text.ids"), SampleFiles.idsBeside(Path.of("d/s.text")));
        assertEquals(Path.of(".txt.ids"), SampleFiles.idsBeside(Path.of(".txt")));
    }
}
