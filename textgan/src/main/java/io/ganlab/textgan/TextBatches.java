package io.ganlab.textgan;

import io.ganlab.core.RandomStream;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.EpochOrder;
import io.ganlab.core.TrainingData;
import io.ganlab.corpus.EncodedLines;

/**
 * Real text as exact one-hot rows {@code (B, T, V)}. Like the reference's endless generator, each epoch
 * visits the lines in a fresh seeded order in whole batches (a last partial batch is skipped); batch
 * {@code i} is a pure function of {@code i}, so a resumed run sees the same batches.
 */
public final class TextBatches implements TrainingData {

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
        this.train = new Order(train, seed, RandomStream.TRAINING_ORDER);
        this.heldout = new Order(valid, seed, RandomStream.HELDOUT_ORDER);
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

    /** Epoch order over a split's lines, and the one-hot batches of their symbols. */
    private static final class Order {
        private final EncodedLines lines;
        private final EpochOrder order;

        Order(EncodedLines lines, long seed, RandomStream purpose) {
            this.lines = lines;
            this.order = new EpochOrder(lines.size(), seed, purpose);
        }

        long[] lines(long index, int size) {
            return order.batch(index, size);
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
