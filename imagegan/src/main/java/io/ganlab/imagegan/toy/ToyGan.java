package io.ganlab.imagegan.toy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.GanNetworks;

/**
 * The toy GAN: generator {@code z (B, latent) → Mlp → (B, 2)} with z ~ N(0, I), critic
 * {@code (B, 2) → Mlp → (B, 1)}, both {@code layers} ReLU layers of {@code dim} units (the reference: 3 × 512,
 * latent 2).
 */
public final class ToyGan {
    private ToyGan() {}

    public static GanNetworks create(ToyConfig.Model arch, NDManager manager, long seed) {
        return new GanNetworks(new Mlp(arch.latent(), arch.dim(), arch.layers(), 2),
                new Mlp(2, arch.dim(), arch.layers(), 1), arch.latent(), new Shape(1, 2), manager, seed);
    }
}
