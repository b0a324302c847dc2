package io.ganlab.imagegan.nets;

import ai.djl.nn.Block;

/**
 * What a critic puts where its architecture has a normalisation layer. The reference switches this by objective:
 * with a gradient penalty the critic uses layer normalisation (or none) where the architecture has batch norm,
 * because batch norm mixes the examples of a batch and the penalty is per example ({@code Normalize} in
 * {@code gan_64x64.py}; {@code NORMALIZATION_D} in {@code gan_cifar_resnet.py}; none in {@code gan_cifar.py} and
 * {@code gan_mnist.py} for {@code MODE = 'wgan-gp'}).
 */
public enum CriticNorm {
    /** No normalisation. */
    NONE,
    /** {@link LayerNorm}: per example over (C, H, W), per-channel scale and offset. */
    LAYER,
    /** {@link BatchNorm}: not for gradient-penalty objectives. */
    BATCH;

    /** The normalisation of {@code channels} channels, or null for {@link #NONE}. */
    Block create(int channels) {
        return switch (this) {
            case NONE -> null;
            case LAYER -> new LayerNorm(channels);
            case BATCH -> new BatchNorm(channels);
        };
    }

    /** The lower-case name used in configs ({@code none}, {@code layer}, {@code batch}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
