package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code MultiplicativeDCGANGenerator} of {@code gan_64x64.py} ("gated multiplicative nonlinearities
 * everywhere"): the DCGAN generator with every layer before a nonlinearity twice as wide and the nonlinearity
 * {@code sigmoid(even channels) · tanh(odd channels)}:
 * {@code z (B, 128) → Linear → (B, 16·DIM, 4, 4) → BN → gate → (B, 8·DIM, 4, 4) → Deconv5 → BN → gate →
 * (B, 4·DIM, 8, 8) → Deconv5 → BN → gate → (B, 2·DIM, 16, 16) → Deconv5 → BN → gate → (B, DIM, 32, 32) → Deconv5
 * → tanh → (B, 3, 64, 64)}. The library's default initialisation (no σ = 0.02 here).
 */
public final class GatedGenerator64 extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final Block input;
    private final Block[] deconvs = new Block[4];
    private final Block[] norms = new Block[4];

    public GatedGenerator64(int dim) {
        this.dim = dim;
        input = addChildBlock("input", Dense.glorot(LATENT, 4 * 4 * 8 * dim * 2));
        int[] widths = {8 * dim, 4 * dim, 2 * dim, dim};
        for (int i = 0; i < 4; i++) {
            norms[i] = addChildBlock("bn" + (i + 1), new BatchNorm(2 * widths[i]));
            deconvs[i] = addChildBlock("deconv" + (i + 2), Deconv.he(widths[i], i == 3 ? 3 : 2 * widths[i + 1], 5));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.head();                                             // (B, 128)
        NDArray h = apply(ps, input, z, training).reshape(-1, 16 * dim, 4, 4); // (B, 16·DIM, 4, 4)
        for (int i = 0; i < 3; i++) {
            h = Resample.gated(apply(ps, norms[i], h, training));              // (B, 8·DIM, 4, 4) …
            h = apply(ps, deconvs[i], h, training);                            // (B, 8·DIM, 8, 8) … (B, 2·DIM, 32, 32)
        }
        h = Resample.gated(apply(ps, norms[3], h, training));                  // (B, DIM, 32, 32)
        return new NDList(Activation.tanh(apply(ps, deconvs[3], h, training))); // (B, 3, 64, 64)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 64, 64)};
    }
}
