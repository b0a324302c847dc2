package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code DCGANDiscriminator} of {@code gan_64x64.py} (DIM 64):
 * {@code x (B, 3, 64, 64) → Conv5/2 → act → (B, DIM, 32, 32) → Conv5/2 → [norm] → act → (B, 2·DIM, 16, 16) →
 * Conv5/2 → [norm] → act → (B, 4·DIM, 8, 8) → Conv5/2 → [norm] → act → (B, 8·DIM, 4, 4) → flatten → Linear →
 * (B)}, act = leaky ReLU (0.2) or tanh. Every weight uniform with σ = 0.02. {@code Normalize} makes the norm
 * layer norm under WGAN-GP and batch norm otherwise; {@code bn=False} leaves it out.
 */
public final class Dcgan64Critic extends ImageNetwork {
    private final int dim;
    private final Nonlinearity act;
    private final Block[] convs = new Block[4];
    private final Block[] norms = new Block[4];
    private final Block output;

    public Dcgan64Critic(int dim, CriticNorm norm, Nonlinearity act) {
        this.dim = dim;
        this.act = act;
        int[] widths = {3, dim, 2 * dim, 4 * dim, 8 * dim};
        for (int i = 0; i < 4; i++) {
            convs[i] = addChildBlock("conv" + (i + 1),
                    new Conv(widths[i], widths[i + 1], 5, 2, true, TflibInit.dcgan()));
            norms[i] = i == 0 ? null : optional("norm" + (i + 1), norm.create(widths[i + 1]));
        }
        output = addChildBlock("output", new Dense(4 * 4 * 8 * dim, 1, TflibInit.dcgan()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.head();                                             // (B, 3, 64, 64)
        for (int i = 0; i < 4; i++) {
            h = apply(ps, convs[i], h, training);                              // (B, DIM, 32, 32) … (B, 8·DIM, 4, 4)
            h = act.apply(apply(ps, norms[i], h, training));
        }
        h = h.reshape(-1, 4 * 4 * 8 * dim);                                    // (B, 4·4·8·DIM)
        return new NDList(apply(ps, output, h, training).reshape(-1));         // (B)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
