package io.ganlab.bench;

import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.DatasetWriter;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A dataset of {@link MarkovChain} lines written in the corpus format, so that it goes through the same reading,
 * counting and scoring code as a prepared one. Its manifest names the generator, so that a dataset made by
 * another generator is never mistaken for it.
 */
public final class MarkovDataset {
    /** Symbols per line, as the reference's. */
    public static final int SEQ_LEN = 32;
    /** Names the generator in the manifest. */
    public static final String GENERATOR = "bench-jsd-markov-order2-k14";

    private MarkovDataset() {}

    /** Writes {@code valid} validation lines, then {@code lines} training lines, of the chain of {@code seed}. */
    public static void write(Path data, long lines, long valid, long seed, int vocab) {
        MarkovChain chain = new MarkovChain(seed);
        Vocabulary v = MarkovChain.vocabulary(vocab);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        try (DatasetWriter w = DatasetWriter.create(data, true)) {
            w.begin(v, SEQ_LEN);
            int[] line = new int[SEQ_LEN];
            short[] ids = new short[SEQ_LEN];
            for (long i = 0; i < valid + lines; i++) {
                int len = chain.line(rnd, line);
                MarkovChain.encode(line, len, v, ids, 0);
                if (i < valid) {
                    w.addValid(ids, len);
                } else {
                    w.addTrain(ids, len);
                }
            }
            w.commit(List.of(), new Manifest.Counts(lines + valid, 0, 0, 0, 0, 0, 0, 0, 0, 0, lines,
                    valid), Manifest.orderedOptions("generator", GENERATOR, "seed", seed));
        }
    }

    /** Whether {@code data} holds a dataset of this generator with these sizes (then it can be reused). */
    public static boolean matches(Path data, long lines, long valid, int vocab) {
        if (!Files.exists(data.resolve(Dataset.MANIFEST))) {
            return false;
        }
        try {
            Dataset d = Dataset.open(data);
            Manifest m = d.manifest();
            return m.train().lines() == lines && m.valid().lines() == valid && d.vocabulary().size() == vocab
                    && GENERATOR.equals(m.options().get("generator"));
        } catch (RuntimeException e) {
            return false; // unreadable: written anew
        }
    }
}
