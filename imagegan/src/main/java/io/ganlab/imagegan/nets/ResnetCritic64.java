package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code GoodDiscriminator} of {@code gan_64x64.py} (DIM 64):
 * {@code x (B, 3, 64, 64) → Conv3 (Glorot) → (B, DIM, 64, 64) → down → (B, 2·DIM, 32, 32) → down →
 * (B, 4·DIM, 16, 16) → down → (B, 8·DIM, 8, 8) → down → (B, 8·DIM, 4, 4) → flatten → Linear → (B)}, with
 * {@link ResidualBlock64}s normalised as {@code Normalize} says (layer norm under WGAN-GP); no final nonlinearity.
 */
public final class ResnetCritic64 extends ImageNetwork {
    private final int dim;
    private final Block input;
    private final Block[] blocks = new Block[4];
    private final Block output;

    public ResnetCritic64(int dim, CriticNorm norm) {
        this.dim = dim;
        input = addChildBlock("input", Conv.glorot(3, dim, 3, 1));
        int[] widths = {dim, 2 * dim, 4 * dim, 8 * dim, 8 * dim};
        for (int i = 0; i < 4; i++) {
            blocks[i] = addChildBlock("res" + (i + 1),
                    new ResidualBlock64(widths[i], widths[i + 1], Resampling.DOWN, norm::create));
        }
        output = addChildBlock("output", Dense.glorot(4 * 4 * 8 * dim, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = apply(ps, input, inputs.head(), training);                 // (B, DIM, 64, 64)
        for (Block b : blocks) {
            h = apply(ps, b, h, training);                                     // … (B, 8·DIM, 4, 4)
        }
        h = h.reshape(-1, 4 * 4 * 8 * dim);                                    // (B, 4·4·8·DIM)
        return new NDList(apply(ps, output, h, training).reshape(-1));         // (B)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
