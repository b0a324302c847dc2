package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.Dataset;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markov-chain dataset is a real corpus dataset, recognised again for reuse only with the same sizes. */
class MarkovDatasetTest {
    @TempDir
    Path tmp;

    // the dataset opens with the corpus reader: right sizes, padding where lines end early
    @Test
    void generatedDatasetIsACorpusDataset() {
        Path data = tmp.resolve("d");
        MarkovDataset.write(data, 2000, 100, 7L, 76);
        Dataset ds = Dataset.open(data);
        assertEquals(2000, ds.train().size());
        assertEquals(100, ds.valid().size());
        assertEquals(32, ds.seqLen());
        int pad = ds.vocabulary().padId();
        assertTrue(pad > 0, "padding is in the vocabulary");
        long padded = 0;
        for (long i = 0; i < ds.train().size(); i++) {
            if (ds.train().get(i, 31) == pad) {
                padded++;
            }
        }
        // a line ends early (after 1 to 31 symbols, so position 31 is padding) with probability 1/4: 500 +- 19
        assertTrue(padded > 350 && padded < 620, "about a quarter of the lines end early: " + padded);
    }

    // reused only when lines, validation lines and vocabulary all match; a missing directory never matches
    @Test
    void matchesOnlyTheSameSizes() {
        Path data = tmp.resolve("d");
        assertFalse(MarkovDataset.matches(data, 500, 50, 76));
        MarkovDataset.write(data, 500, 50, 7L, 76);
        assertTrue(MarkovDataset.matches(data, 500, 50, 76));
        assertFalse(MarkovDataset.matches(data, 501, 50, 76));
        assertFalse(MarkovDataset.matches(data, 500, 49, 76));
        assertFalse(MarkovDataset.matches(data, 500, 50, 77));
    }

    // the vocabulary puts the chain's 74 symbols at ids 1..74 whatever its size, so the text is the same
    @Test
    void vocabularySizeDoesNotChangeTheText() {
        Path small = tmp.resolve("v76");
        Path large = tmp.resolve("v2048");
        MarkovDataset.write(small, 300, 0, 3L, 76);
        MarkovDataset.write(large, 300, 0, 3L, 2048);
        Dataset a = Dataset.open(small);
        Dataset b = Dataset.open(large);
        assertEquals(2048, b.vocabulary().size());
        for (long i = 0; i < 300; i++) {
            for (int j = 0; j < 32; j++) {
                int x = a.train().get(i, j);
                int y = b.train().get(i, j);
                if (x == a.vocabulary().padId()) {
                    assertEquals(b.vocabulary().padId(), y);
                } else {
                    assertEquals(x, y, "line " + i + " position " + j);
                    assertTrue(x >= 1 && x <= MarkovChain.SYMBOLS.length());
                }
            }
        }
    }
}
