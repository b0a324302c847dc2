package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code GoodGenerator} of {@code gan_64x64.py} (DIM 64; the script's default, "for actually generating decent
 * samples"): {@code z (B, 128) → Linear → (B, 8·DIM, 4, 4) → up → (B, 8·DIM, 8, 8) → up → (B, 4·DIM, 16, 16) → up
 * → (B, 2·DIM, 32, 32) → up → (B, DIM, 64, 64) → BN → ReLU → Conv3 (He) → tanh → (B, 3, 64, 64)}, with
 * {@link ResidualBlock64}s and batch norm.
 */
public final class ResnetGenerator64 extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final Block input;
    private final Block[] blocks = new Block[4];
    private final Block outputNorm;
    private final Block output;

    public ResnetGenerator64(int dim) {
        this.dim = dim;
        input = addChildBlock("input", Dense.glorot(LATENT, 4 * 4 * 8 * dim));
        int[] widths = {8 * dim, 8 * dim, 4 * dim, 2 * dim, dim};
        for (int i = 0; i < 4; i++) {
            blocks[i] = addChildBlock("res" + (i + 1),
                    new ResidualBlock64(widths[i], widths[i + 1], Resampling.UP, BatchNorm::new));
        }
        outputNorm = addChildBlock("outputNorm", new BatchNorm(dim));
        output = addChildBlock("output", Conv.he(dim, 3, 3, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = apply(ps, input, inputs.head(), training).reshape(-1, 8 * dim, 4, 4); // (B, 8·DIM, 4, 4)
        for (Block b : blocks) {
            h = apply(ps, b, h, training);                                     // … (B, DIM, 64, 64)
        }
        h = Activation.relu(apply(ps, outputNorm, h, training));
        return new NDList(Activation.tanh(apply(ps, output, h, training)));    // (B, 3, 64, 64)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 64, 64)};
    }
}
