package io.ganlab.core;

import io.ganlab.common.Shuffle;

/**
 * Which examples make up batch {@code i}: like the reference's endless data generators, each epoch visits the
 * examples in a fresh random order and drops the last partial batch; the order of epoch e is drawn from the
 * (seed, e, purpose) stream, so batch {@code i} is a pure function of {@code i} and a resumed run sees the same
 * batches.
 */
public final class EpochOrder {
    private final long examples;
    private final Rng rng;
    private final RandomStream purpose;
    private long epoch = -1;
    private int[] permutation;

    public EpochOrder(long examples, long seed, RandomStream purpose) {
        this.examples = examples;
        this.rng = new Rng(seed);
        this.purpose = purpose;
    }

    /** The example indices of batch {@code index} of {@code size} examples. */
    public synchronized long[] batch(long index, int size) {
        long perEpoch = examples / size;
        if (perEpoch == 0) {
            throw new IllegalArgumentException(examples + " examples are fewer than one batch of " + size);
        }
        long e = index / perEpoch;
        int first = (int) ((index % perEpoch) * size);
        if (e != epoch) {
            permutation = Shuffle.permutation(Math.toIntExact(examples), rng.stream(e, purpose));
            epoch = e;
        }
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = permutation[first + i];
        }
        return out;
    }
}
