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
}
