package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code DCGANGenerator} of {@code gan_64x64.py} (DIM 64), also with {@code bn=False} ("no normalization in
 * either G or D") and {@code nonlinearity=tf.tanh} ("tanh nonlinearities everywhere"):
 * {@code z (B, 128) → Linear → (B, 8·DIM, 4, 4) → [BN] → act → Deconv5 → [BN] → act → (B, 4·DIM, 8, 8) → Deconv5
 * → [BN] → act → (B, 2·DIM, 16, 16) → Deconv5 → [BN] → act → (B, DIM, 32, 32) → Deconv5 → tanh →
 * (B, 3, 64, 64)}. Every weight uniform with σ = 0.02 ({@code set_weights_stdev(0.02)}); batch norm after the
 * reshape, per channel.
 */
public final class Dcgan64Generator extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final Nonlinearity act;
    private final Block input;
    private final Block[] deconvs = new Block[4];
    private final Block[] norms = new Block[4];

    public Dcgan64Generator(int dim, boolean batchNorm, Nonlinearity act) {
        this.dim = dim;
        this.act = act;
        input = addChildBlock("input", new Dense(LATENT, 4 * 4 * 8 * dim, TflibInit.dcgan()));
        int[] widths = {8 * dim, 4 * dim, 2 * dim, dim, 3};
        for (int i = 0; i < 4; i++) {
            norms[i] = optional("bn" + (i + 1), batchNorm ? new BatchNorm(widths[i]) : null);
            deconvs[i] = addChildBlock("deconv" + (i + 2),
                    new Deconv(widths[i], widths[i + 1], 5, true, TflibInit.dcgan()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.head();                                             // (B, 128)
        NDArray h = apply(ps, input, z, training).reshape(-1, 8 * dim, 4, 4);  // (B, 8·DIM, 4, 4)
        for (int i = 0; i < 3; i++) {
            h = act.apply(apply(ps, norms[i], h, training));
            h = apply(ps, deconvs[i], h, training);                            // (B, 4·DIM, 8, 8) … (B, DIM, 32, 32)
        }
        h = act.apply(apply(ps, norms[3], h, training));
        return new NDList(Activation.tanh(apply(ps, deconvs[3], h, training))); // (B, 3, 64, 64)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 64, 64)};
    }
}
