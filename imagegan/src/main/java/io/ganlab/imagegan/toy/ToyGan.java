package io.ganlab.imagegan.toy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.ganlab.core.GanModel;
import io.ganlab.core.Rng;
import java.util.random.RandomGenerator;

/**
 * The toy GAN: generator {@code z (B, latent) → Mlp → (B, 2)} with z ~ N(0, I), critic
 * {@code (B, 2) → Mlp → (B, 1)}, both {@code layers} ReLU layers of {@code dim} units (the reference: 3 × 512,
 * latent 2).
 */
public final class ToyGan implements GanModel {
    private final ToyConfig.Model arch;
    private final Mlp generator;
    private final Mlp critic;

    public ToyGan(ToyConfig.Model arch, NDManager manager, long seed) {
        this.arch = arch;
        generator = new Mlp(arch.latent(), arch.dim(), arch.layers(), 2);
        critic = new Mlp(2, arch.dim(), arch.layers(), 1);
        // DJL's initialisers draw from libtorch's generator: seed it so that two runs start alike
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        generator.initialize(manager, DataType.FLOAT32, new Shape(1, arch.latent()));
        critic.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
    }

    public ToyConfig.Model architecture() {
        return arch;
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
    public NDArray noise(NDManager manager, RandomGenerator rng, int batch) {
        return Rng.normal(manager, rng, new Shape(batch, arch.latent()));   // (B, Z)
    }
}
