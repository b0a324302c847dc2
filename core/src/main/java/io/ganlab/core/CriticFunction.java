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
     * A gradient penalty's ingredients at {@code x (B, ...)}: the input gradient {@code dD/dx} and, when
     * {@code scored}, the scores {@code D(x)}, both differentiable in the weights. By default one forward pass
     * ({@link #scoreForPenalty}) and autograd's input gradient of it ({@link InputGradient#of}), which needs
     * {@code x} to require gradient; a critic that writes its input gradient as a forward graph
     * ({@link ExplicitInputGradient}) answers without autograd.
     */
    default PenaltyPoint penaltyPoint(NDArray x, boolean scored) {
        NDArray s = scoreForPenalty(x);
        return new PenaltyPoint(InputGradient.of(s, x), s);
    }

    /**
     * @param gradient (B, ...) {@code dD/dx}
     * @param scores   (B) or (B, 1) {@code D(x)}; {@code null} when not asked for and not computed
     */
    record PenaltyPoint(NDArray gradient, NDArray scores) {}

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
