package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.random.RandomGenerator;

/** The two networks of a GAN and its noise. Both blocks are initialised before training starts. */
public interface GanModel {
    /** Maps noise {@code (B, …)} to samples shaped like real batches. */
    Block generator();

    /** Maps a batch {@code (B, …)} to one score per example {@code (B, 1)} or {@code (B)}. */
    Block critic();

    /** A batch of generator input, drawn from {@code rng}. */
    NDArray noise(NDManager manager, RandomGenerator rng, int batch);

    /**
     * The class conditioning of a conditional GAN, or {@code null} (the default): when present, the generator takes
     * {@code (noise, labels (B))} and the critic returns {@code (scores, class logits (B, K))}.
     */
    default AuxiliaryClassifier classifier() {
        return null;
    }
}
