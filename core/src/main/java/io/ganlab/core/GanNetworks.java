package io.ganlab.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.random.RandomGenerator;

/**
 * A generator and a critic, initialised from a seed, with noise z ~ N(0, I) of size {@code latent}: the
 * {@link GanModel} of every modality, which only brings its two blocks and the critic's input shape.
 */
public final class GanNetworks implements GanModel {
    private final Block generator;
    private final Block critic;
    private final int latent;
    private final AuxiliaryClassifier classifier;

    /**
     * Initialises both blocks.
     *
     * @param criticInput the shape of one example batch for the critic, e.g. {@code (1, 32, V)}
     */
    public GanNetworks(Block generator, Block critic, int latent, Shape criticInput, NDManager manager, long seed) {
        this(generator, critic, latent, criticInput, manager, seed, null);
    }

    /**
     * Initialises both blocks of a conditional GAN when {@code classifier} is given: the generator takes
     * {@code (z, labels)} and the critic returns {@code (scores, class logits)}.
     */
    public GanNetworks(Block generator, Block critic, int latent, Shape criticInput, NDManager manager, long seed,
                       AuxiliaryClassifier classifier) {
        this.generator = generator;
        this.critic = critic;
        this.latent = latent;
        this.classifier = classifier;
        // DJL's initialisers draw from libtorch's generator: seed it so that two runs start alike
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        generator.initialize(manager, DataType.FLOAT32, new Shape(1, latent));
        critic.initialize(manager, DataType.FLOAT32, criticInput);
    }

    @Override
    public Block generator() {
        return generator;
    }

    @Override
    public Block critic() {
        return critic;
    }

    @Override
    public AuxiliaryClassifier classifier() {
        return classifier;
    }

    public int latent() {
        return latent;
    }

    @Override
    public NDArray noise(NDManager manager, RandomGenerator rng, int batch) {
        return Rng.normal(manager, rng, new Shape(batch, latent));   // (B, Z)
    }
}
