package io.ganlab.textgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.ganlab.core.GanModel;
import io.ganlab.core.Rng;
import java.util.random.RandomGenerator;

/** The language GAN's two networks, initialised from a seed, with z ~ N(0, I). */
public final class TextGan implements GanModel {
    private final Architecture arch;
    private final Generator generator;
    private final Critic critic;

    public TextGan(Architecture arch, NDManager manager, long seed) {
        this.arch = arch;
        generator = new Generator(arch);
        critic = new Critic(arch);
        // DJL's initialisers draw from libtorch's generator: seed it so that two runs start alike
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
        generator.initialize(manager, DataType.FLOAT32, new Shape(1, arch.latent()));
        critic.initialize(manager, DataType.FLOAT32, new Shape(1, arch.seqLen(), arch.vocab()));
    }

    public Architecture architecture() {
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
