package io.ganlab.core;

import ai.djl.nn.Block;

/**
 * A generator whose samples depend on the other examples of the batch they are drawn in: batch norm that keeps
 * using the batch's statistics when sampling, as the FOGAN authors' generator does before its residual blocks. The
 * samplers ({@link Trainer}'s evaluation, {@link GeneratorSamples}) draw such a generator's samples in full batches
 * only, filling a short batch with further noise and keeping the rows asked for, so that no sample is normalised
 * with the statistics of a handful of examples (of one, every sample would come out the same).
 */
public interface BatchDependentSampling {
    /** Whether this generator's samples depend on their batch. */
    boolean samplesDependOnBatch();

    /**
     * Whether {@code generator}'s samples depend on their batch: its own answer, or else whether it holds a layer
     * that couples a batch's examples ({@link BatchCoupled}; such layers normalise with batch statistics when
     * sampling unless their generator says otherwise).
     */
    static boolean of(Block generator) {
        return generator instanceof BatchDependentSampling s ? s.samplesDependOnBatch() : BatchCoupled.within(generator);
    }
}
