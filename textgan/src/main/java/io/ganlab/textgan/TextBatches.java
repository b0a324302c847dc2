package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.Rng;
import io.ganlab.core.TrainingData;
import io.ganlab.corpus.EncodedLines;
import io.ganlab.corpus.Shuffle;

/**
 * Real text as exact one-hot rows {@code (B, T, V)}. Like the reference's endless generator, each epoch
 * visits the lines in a fresh seeded order in whole batches (a last partial batch is skipped); batch
 * {@code i} is a pure function of {@code i}, so a resumed run sees the same batches.
 */
public final class TextBatches implements TrainingData {
    private static final int TRAIN_ORDER = 101;
    private static final int HELDOUT_ORDER = 102;

    private final Order train;
    private final Order heldout;
    private final int vocab;

    public TextBatches(EncodedLines train, EncodedLines valid, int vocab, long seed, int batch) {
        if (train.size() < batch) {
            throw new IllegalArgumentException("the dataset has " + train.size() + " training lines, fewer than one batch of " + batch);
        }
        if (valid.size() < batch) {
            throw new IllegalArgumentException("the dataset has " + valid.size() + " validation lines, fewer than one batch of "
                    + batch + " (the held-out critic loss needs them); prepare it with a larger --valid");
        }
        this.train = new Order(train, new Rng(seed), TRAIN_ORDER);
        this.heldout = new Order(valid, new Rng(seed), HELDOUT_ORDER);
        this.vocab = vocab;
    }

    @Override
    public NDArray batch(NDManager manager, long index, int size) {
        return train.batch(manager, index, size, vocab);
    }

    @Override
    public NDArray heldout(NDManager manager, long index, int size) {
        return heldout.batch(manager, index, size, vocab);
    }

    /** Line ids of batch {@code index}, for tests and samplers. */
    long[] lines(long index, int size) {
        return train.lines(index, size);
    }

    /** One epoch's permutation at a time; regenerated when a batch of another epoch is asked for. */
    private static final class Order {
        private final EncodedLines lines;
        private final Rng rng;
        private final int purpose;
        private long epoch = -1;
        private int[] perm;

        Order(EncodedLines lines, Rng rng, int purpose) {
            this.lines = lines;
            this.rng = rng;
            this.purpose = purpose;
        }

        synchronized long[] lines(long index, int size) {
            long perEpoch = lines.size() / size;
            long e = index / perEpoch;
            int first = (int) ((index % perEpoch) * size);
            if (e != epoch) {
                perm = Shuffle.permutation(Math.toIntExact(lines.size()), rng.stream(e, purpose));
                epoch = e;
            }
            long[] out = new long[size];
            for (int i = 0; i < size; i++) {
                out[i] = perm[first + i];
            }
            return out;
        }

        NDArray batch(NDManager manager, long index, int size, int vocab) {
            long[] ids = lines(index, size);
            int t = lines.seqLen();
            short[] row = new short[t];
            int[] flat = new int[size * t];
            for (int i = 0; i < size; i++) {
                lines.copy(ids[i], row);
                for (int j = 0; j < t; j++) {
                    flat[i * t + j] = row[j] & 0xFFFF;
                }
            }
            try (NDArray idx = manager.create(flat, new Shape(size, t))) {
                return idx.oneHot(vocab);                                         // (B, T, V)
            }
        }
    }
}
