package io.ganlab.core;

import ai.djl.ndarray.NDArray;

/** The critic as a function: {@code x (B, ...) → scores (B)} (a trailing axis of size 1 is accepted). */
@FunctionalInterface
public interface CriticFunction {
    NDArray score(NDArray x);
}
