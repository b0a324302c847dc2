package io.ganlab.textgan;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.GanNetworks;

/** The language GAN's two networks of the WGAN-GP paper, initialised from a seed, with z ~ N(0, I). */
public final class TextGan {
    private TextGan() {}

    public static GanNetworks create(Architecture arch, NDManager manager, long seed) {
        return new GanNetworks(new Generator(arch), new Critic(arch), arch.latent(),
                new Shape(1, arch.seqLen(), arch.vocab()), manager, seed);
    }
}
