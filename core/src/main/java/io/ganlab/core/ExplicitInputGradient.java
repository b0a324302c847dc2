package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * A critic block that writes its own input gradient {@code dD/dx} as a forward graph: a pass without graph for what
 * the gradient depends on (a ReLU's masks), then the layers' transposed maps applied to the output layer's weight,
 * from the last layer back to the first. The gradient penalties then differentiate that graph once, an ordinary
 * backward pass, instead of running libtorch's double backward of every layer ({@link InputGradient}). The trainer
 * uses it unless the schedule asks for autograd ({@link InputGradient.Method}).
 *
 * <p>It must give autograd's {@code d(sum of scores)/dx} for every example, up to rounding, and its derivatives in
 * the weights must be those of that gradient. Where those derivatives differ from autograd's is at the ReLU's kink
 * (a second derivative of zero on both sides either way).
 */
public interface ExplicitInputGradient {
    /**
     * {@code dD/dx} at {@code x}, differentiable in the weights of {@code ps} (not in {@code x}).
     *
     * @param x (B, ...) the block's input, in the type of the store's weights
     * @return (B, ...) like {@code x}, owned by {@code x}'s manager
     */
    NDArray inputGradient(ParameterStore ps, NDArray x, boolean training);
}
