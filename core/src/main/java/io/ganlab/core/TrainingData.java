package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Real batches. A batch is a pure function of its index, so a resumed run draws exactly the batches an
 * uninterrupted one would.
 */
public interface TrainingData {
    /** Training batch number {@code index} (0-based, counting every batch drawn so far). */
    NDArray batch(NDManager manager, long index, int size);

    /** Held-out batch number {@code index}, never seen by the critic's updates. */
    NDArray heldout(NDManager manager, long index, int size);

    /**
     * The integer class labels {@code (size)} of training batch {@code index}, for conditional GANs; data without
     * labels throws.
     */
    default NDArray labels(NDManager manager, long index, int size) {
        throw new UnsupportedOperationException("this data has no class labels");
    }
}
