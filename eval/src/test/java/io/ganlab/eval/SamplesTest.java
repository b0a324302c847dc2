package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Samples from text files are encoded like the corpus; bad files get one clear message. */
class SamplesTest {
    @TempDir
    Path tmp;

    // vocabulary of the tests: 0 unk, 1 backtick, 2 'a', 3 'b', 4 'c', ...
    private final Vocabulary vocab = TestData.vocabulary(8);

    private Samples read(String content, int seqLen, boolean truncate) throws Exception {
        Path f = tmp.resolve("s.txt");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return Samples.read(f, vocab, seqLen, truncate);
    }

    private static int[] row(Samples s, int i) {
        int[] out = new int[s.seqLen()];
        for (int j = 0; j < out.length; j++) {
            out[j] = s.id(i, j);
        }
        return out;
    }

    // one sample per line, padded on the right with the backtick; CRLF and a missing final newline are fine
    @Test
    void padsLikeTheCorpus() throws Exception {
        Samples s = read("ab\r\ncba\n\nabcab", 5, false);
        assertEquals(4, s.count());
        assertEquals(5, s.seqLen());
        assertArrayEquals(new int[] {2, 3, 1, 1, 1}, row(s, 0));
        assertArrayEquals(new int[] {4, 3, 2, 1, 1}, row(s, 1));
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, row(s, 2)); // an empty sample is all padding
        assertArrayEquals(new int[] {2, 3, 4, 2, 3}, row(s, 3));
    }

    // characters outside the vocabulary become unk (id 0), as the corpus encodes them
    @Test
    void unknownCharactersAreUnk() throws Exception {
        Samples s = read("aZ\u00e9b\n", 6, false);
        assertArrayEquals(new int[] {2, 0, 0, 3, 1, 1}, row(s, 0));
    }

    // a sample longer than the sequence length is an error naming the line, unless --truncate
    @Test
    void tooLong() throws Exception {
        EvalException e = assertThrows(EvalException.class, () -> read("ab\nabcabc\n", 5, false));
        assertTrue(e.getMessage().contains("s.txt:2: sample of 6 symbols is longer than the dataset's sequence length 5"),
                e.getMessage());
        Samples s = read("ab\nabcabc\n", 5, true);
        assertArrayEquals(new int[] {2, 3, 4, 2, 3}, row(s, 1));
    }

    // missing, empty and non-UTF-8 files are refused with a message naming the file
    @Test
    void badFiles() throws Exception {
        EvalException missing = assertThrows(EvalException.class,
                () -> Samples.read(tmp.resolve("nope.txt"), vocab, 5, false));
        assertTrue(missing.getMessage().endsWith("nope.txt: no such sample file"), missing.getMessage());
        EvalException empty = assertThrows(EvalException.class, () -> read("", 5, false));
        assertTrue(empty.getMessage().contains("empty sample file"), empty.getMessage());
        Path f = tmp.resolve("bad.txt");
        Files.write(f, new byte[] {'a', '\n', (byte) 0xC3, '(', '\n'});
        EvalException bad = assertThrows(EvalException.class, () -> Samples.read(f, vocab, 5, false));
        assertTrue(bad.getMessage().endsWith("bad.txt:2: not valid UTF-8"), bad.getMessage());
    }

    // in-memory samples: ids outside the vocabulary and ragged rows are refused
    @Test
    void inMemory() {
        Samples s = Samples.of(new int[][] {{1, 2, 3}, {3, 2, 1}}, 4);
        assertEquals(2, s.count());
        assertEquals(3, s.id(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Samples.of(new int[][] {{1, 2, 4}}, 4));
        assertThrows(IllegalArgumentException.class, () -> Samples.of(new int[][] {{1, 2}, {1}}, 4));
        assertThrows(IllegalArgumentException.class, () -> Samples.of(new int[] {1, 2, 3}, 2, 4));
        assertThrows(EvalException.class, () -> Samples.of(new int[0], 2, 4));
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual,
                java.util.Arrays.toString(expected) + " vs " + java.util.Arrays.toString(actual));
    }
}
