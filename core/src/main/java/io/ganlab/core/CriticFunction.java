package io.ganlab.core;

import ai.djl.ndarray.NDArray;

/** The critic as a function: {@code x (B, ...) → scores (B)} (a trailing axis of size 1 is accepted). */
@FunctionalInterface
public interface CriticFunction {
    NDArray score(NDArray x);

    /**
     * The scores of inputs whose input gradient the loss differentiates again (a gradient penalty's): the values of
     * {@link #score}, computed in a form whose double backward may be cheaper ({@link PenaltyForward}).
     */
    default NDArray scoreForPenalty(NDArray x) {
        return score(x);
    }

    /**
     * The scores of two batches, {@code a (A, ...)} and {@code b (B, ...)}: {@code [scores of a, scores of b]}. By
     * default two forward passes, right for any critic. An implementation that knows its critic scores each example
     * on its own may answer with one forward pass of the joint batch, which is faster: the same function, its
     * weight gradients differing from two passes' in rounding only (sums over A + B examples at once). Not with
     * batch norm in the critic: one pass would normalise with the statistics of both batches together, another
     * function. The {@link Trainer}'s critic does so when it finds no {@link BatchCoupled} layer.
     */
    default NDArray[] scoreJointly(NDArray a, NDArray b) {
        return new NDArray[] {score(a), score(b)};
    }
}
