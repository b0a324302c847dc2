package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * What a modality measures every K iterations (n-gram JSD for text, say). The trainer adds its own
 * held-out critic loss next to the result.
 */
@FunctionalInterface
public interface Evaluation {
    /** Draws generator samples in inference mode (batch-norm moving averages; see {@link BatchDependentSampling}). */
    interface Sampler {
        /** {@code count} samples of noise drawn for this evaluation. */
        NDArray sample(NDManager manager, int count);

        /**
         * {@code count} samples of the same noise at every evaluation of the run, so that pictures of successive
         * evaluations show the same latent points (the sample grids).
         */
        NDArray fixed(NDManager manager, int count);
    }

    /**
     * @return named values for the metrics line (numbers, or maps of numbers such as {"4": 0.71})
     */
    Map<String, Object> evaluate(long iteration, Sampler sampler, RunDirectory run);

    Evaluation NONE = (it, s, run) -> Map.of();
}
