package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.corpus.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan bench jsd} on a tiny dataset: the generated dataset is a real one and the figures are printed. */
class BenchJsdCommandTest {
    @TempDir
    Path tmp;

    // the Markov chain dataset opens with the corpus reader: right sizes, padding where lines end early
    @Test
    void generatedDatasetIsACorpusDataset() {
        Path data = tmp.resolve("d");
        BenchJsdCommand.generate(data, 2000, 100, 7L);
        Dataset ds = Dataset.open(data);
        assertEquals(2000, ds.train().size());
        assertEquals(100, ds.valid().size());
        assertEquals(32, ds.seqLen());
        int pad = ds.vocabulary().padId();
        assertTrue(pad > 0, "the backtick is in the vocabulary");
        long padded = 0;
        for (long i = 0; i < ds.train().size(); i++) {
            if (ds.train().get(i, 31) == pad) {
                padded++;
            }
        }
        assertTrue(padded > 300 && padded < 700, "about a quarter of the lines end early: " + padded);
    }

    // the whole benchmark on 3,000 lines: exit 0, figures on stdout, the work directory kept and reusable
    @Test
    void smallRun() throws Exception {
        Path work = tmp.resolve("w");
        CommandTreeTest.Run r = CommandTreeTest.run("bench", "jsd", "--lines", "3000", "--valid", "700", "--samples",
                "640", "--repeats", "1", "--heap", "512m", "--workdir", work.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("true models n=1..6 of 3,000 lines x 32: built in"), r.out());
        assertTrue(r.out().contains("score 640 samples, n=1..6: median"), r.out());
        assertTrue(Files.isRegularFile(work.resolve("dataset/ngrams/true-n6.bin")));
    }
}
