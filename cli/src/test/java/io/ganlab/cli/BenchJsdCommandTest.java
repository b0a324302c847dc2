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
        BenchJsdCommand.generate(data, 2000, 100, 7L, 76);
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
        GanRunner.Run r = GanRunner.run("bench", "jsd", "--lines", "3000", "--valid", "700", "--samples",
                "640", "--repeats", "1", "--heap", "512m", "--workdir", work.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("true models n=1..6 of 3,000 lines x 32, vocabulary 76 (6-gram keys of one 64-bit"
                + " word): built in"), r.out());
        assertTrue(r.out().contains("score 640 samples, n=1..6: median"), r.out());
        assertTrue(Files.isRegularFile(work.resolve("dataset/ngrams/true-n6.bin")));
    }

    // the same text under the reference's largest vocabulary takes the two-word keys and must score the same:
    // unused symbols change the keys, never the n-gram counts
    @Test
    void largeVocabularyScoresTheSameText() {
        String[] common = {"bench", "jsd", "--lines", "3000", "--valid", "700", "--samples", "640", "--repeats", "1",
                "--heap", "512m"};
        GanRunner.Run small = GanRunner.run(concat(common, "--workdir", tmp.resolve("v76").toString()));
        GanRunner.Run large = GanRunner.run(concat(common, "--vocab", "2048", "--workdir",
                tmp.resolve("v2048").toString()));
        assertEquals(0, large.code(), large.err());
        assertTrue(large.out().contains("vocabulary 2048 (6-gram keys of two 64-bit words)"), large.out());
        assertEquals(jsdLine(small.out()), jsdLine(large.out()));
        assertTrue(jsdLine(small.out()).contains("\"6\""), small.out());
    }

    // a vocabulary smaller than the chain's alphabet is a usage error
    @Test
    void tooSmallVocabularyIsUsageError() {
        GanRunner.Run r = GanRunner.run("bench", "jsd", "--vocab", "20");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--vocab must lie in 76..2048, got 20"), r.err());
    }

    private static String jsdLine(String out) {
        return out.lines().filter(l -> l.trim().startsWith("jsd ")).findFirst().orElse("(no jsd line)");
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
