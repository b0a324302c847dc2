package io.ganlab.core;

import ai.djl.nn.Block;

/**
 * A layer whose output for one example depends, in training mode, on the other examples of its batch: batch norm,
 * which normalises with the batch's statistics. A critic with such a layer scores a joint batch of real and fake
 * examples differently from the two batches one by one, so the {@link Trainer} scores them in one forward pass
 * ({@link CriticFunction#scoreJointly}) only when {@link #within} finds none. DJL's {@code BatchNorm} counts
 * without implementing this.
 */
public interface BatchCoupled {
    /** Whether {@code block} or any block inside it couples the examples of a batch. */
    static boolean within(Block block) {
        if (block instanceof BatchCoupled || block instanceof ai.djl.nn.norm.BatchNorm) {
            return true;
        }
        for (Block child : block.getChildren().values()) {
            if (within(child)) {
                return true;
            }
        }
        return false;
    }
}
