package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code FCGenerator} of {@code gan_64x64.py} ("4-layer 512-dim ReLU MLP G", FC_DIM 512):
 * {@code z (B, 128) → 4 × [Linear (He) → ReLU] → (B, FC_DIM) → Linear (Glorot) → tanh → (B, 3·64·64)}, reshaped
 * channel-major to {@code (B, 3, 64, 64)} as the critic reads it.
 */
public final class MlpGenerator64 extends ImageNetwork {
    public static final int LATENT = 128;
    static final int PIXELS = 3 * 64 * 64;

    private final Block[] hidden = new Block[4];
    private final Block output;

    public MlpGenerator64(int width) {
        for (int i = 0; i < 4; i++) {
            int in = i == 0 ? LATENT : width;
            hidden[i] = addChildBlock("relu" + (i + 1), new Dense(in, width, TflibInit.he(in)));
        }
        output = addChildBlock("output", Dense.glorot(width, PIXELS));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.head();                                             // (B, 128)
        for (Block b : hidden) {
            h = Activation.relu(apply(ps, b, h, training));                    // (B, FC_DIM)
        }
        h = Activation.tanh(apply(ps, output, h, training));                   // (B, 3·64·64)
        return new NDList(h.reshape(-1, 3, 64, 64));                           // (B, 3, 64, 64)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 64, 64)};
    }
}
