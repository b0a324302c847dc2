package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code MultiplicativeDCGANDiscriminator} of {@code gan_64x64.py}:
 * {@code x (B, 3, 64, 64) → Conv5/2 → gate → (B, DIM, 32, 32) → Conv5/2 → [norm] → gate → (B, 2·DIM, 16, 16) →
 * Conv5/2 → [norm] → gate → (B, 4·DIM, 8, 8) → Conv5/2 → [norm] → gate → (B, 8·DIM, 4, 4) → flatten → Linear →
 * (B)}, each convolution twice as wide as the gate's output ({@code sigmoid(even) · tanh(odd)}); the norms act on
 * the doubled channels. The library's default initialisation.
 */
public final class GatedCritic64 extends ImageNetwork {
    private final int dim;
    private final Block[] convs = new Block[4];
    private final Block[] norms = new Block[4];
    private final Block output;

    public GatedCritic64(int dim, CriticNorm norm) {
        this.dim = dim;
        int[] widths = {3, dim, 2 * dim, 4 * dim, 8 * dim};
        for (int i = 0; i < 4; i++) {
            convs[i] = addChildBlock("conv" + (i + 1), Conv.he(widths[i], 2 * widths[i + 1], 5, 2));
            norms[i] = i == 0 ? null : optional("norm" + (i + 1), norm.create(2 * widths[i + 1]));
        }
        output = addChildBlock("output", Dense.glorot(4 * 4 * 8 * dim, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.head();                                             // (B, 3, 64, 64)
        for (int i = 0; i < 4; i++) {
            h = apply(ps, convs[i], h, training);                              // (B, 2·DIM, 32, 32) … (B, 16·DIM, 4, 4)
            h = Resample.gated(apply(ps, norms[i], h, training));              // (B, DIM, 32, 32) … (B, 8·DIM, 4, 4)
        }
        h = h.reshape(-1, 4 * 4 * 8 * dim);                                    // (B, 4·4·8·DIM)
        return new NDList(apply(ps, output, h, training).reshape(-1));         // (B)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
