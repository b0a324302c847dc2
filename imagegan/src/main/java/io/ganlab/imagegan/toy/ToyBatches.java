package io.ganlab.imagegan.toy;

import io.ganlab.core.RandomStream;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.Rng;
import io.ganlab.core.TrainingData;

/**
 * Real points {@code (B, 2)} of a {@link ToySet}. The sets are infinite, so batch {@code i} is simply drawn from
 * a generator seeded by (seed, i): a pure function of its index, and a resumed run sees the same batches.
 * Held-out batches come from another stream of the same seed.
 */
public final class ToyBatches implements TrainingData {

    private final ToySet set;
    private final Rng rng;

    public ToyBatches(ToySet set, long seed) {
        this.set = set;
        this.rng = new Rng(seed);
    }

    public ToySet set() {
        return set;
    }

    /** The points of training batch {@code index}, interleaved x, y. */
    public float[] points(long index, int size) {
        return set.sample(rng.stream(index, RandomStream.TRAINING_DRAWS), size);
    }

    @Override
    public NDArray batch(NDManager manager, long index, int size) {
        return manager.create(points(index, size), new Shape(size, 2));                 // (B, 2)
    }

    @Override
    public NDArray heldout(NDManager manager, long index, int size) {
        return manager.create(set.sample(rng.stream(index, RandomStream.HELDOUT_DRAWS), size), new Shape(size, 2)); // (B, 2)
    }
}
