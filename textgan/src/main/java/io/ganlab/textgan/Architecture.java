package io.ganlab.textgan;

/**
 * Shape of the language GAN.
 *
 * @param seqLen       characters per sample (32 in the paper)
 * @param vocab        vocabulary size V (from the dataset)
 * @param dim          channels of every residual block (DIM: 512 in the paper)
 * @param latent       size of the noise z ~ N(0, I) (128)
 * @param blocks       residual blocks in each network (5)
 * @param generatorNorm batch norm in the generator, as in the FOGAN runs (none in WGAN-GP's)
 */
public record Architecture(int seqLen, int vocab, int dim, int latent, int blocks, GeneratorNorm generatorNorm) {
    /** The residual branch is scaled by this before the skip connection is added. */
    public static final float RESIDUAL_SCALE = 0.3f;
    /** Kernel width of the residual convolutions. */
    public static final int KERNEL = 5;

    public Architecture {
        if (seqLen < 1 || vocab < 2 || dim < 1 || latent < 1 || blocks < 0 || generatorNorm == null) {
            throw new IllegalArgumentException("invalid architecture " + seqLen + "x" + vocab + ", dim " + dim
                    + ", latent " + latent + ", blocks " + blocks + ", generator norm " + generatorNorm);
        }
    }

    /** The paper's network for a vocabulary of size {@code vocab}. */
    public static Architecture paper(int vocab) {
        return new Architecture(32, vocab, 512, 128, 5, GeneratorNorm.NONE);
    }

    public Architecture withDim(int d) {
        return new Architecture(seqLen, vocab, d, latent, blocks, generatorNorm);
    }

    public Architecture withGeneratorNorm(GeneratorNorm n) {
        return new Architecture(seqLen, vocab, dim, latent, blocks, n);
    }
}
