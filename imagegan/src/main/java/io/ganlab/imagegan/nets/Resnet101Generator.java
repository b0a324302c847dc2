package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ResnetGenerator} of {@code gan_64x64.py} ("101-layer ResNet G", DIM 64): 33 {@link BottleneckBlock}s of
 * 3 convolutions plus the input and output layers.
 * {@code z (B, 128) → Linear → (B, 8·DIM, 4, 4) → 6 blocks → up → (B, 4·DIM, 8, 8) → 6 → up → (B, 2·DIM, 16, 16)
 * → 6 → up → (B, DIM, 32, 32) → 6 → up → (B, DIM/2, 64, 64) → 5 → Conv1×1 (Glorot) → tanh(·/5) →
 * (B, 3, 64, 64)}. Batch norm closes every block.
 */
public final class Resnet101Generator extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final Block input;
    private final List<Block> blocks = new ArrayList<>();
    private final Block output;

    public Resnet101Generator(int dim) {
        if (dim % 4 != 0) {
            throw new IllegalArgumentException("the 101-layer ResNet needs DIM divisible by 4, got " + dim);
        }
        this.dim = dim;
        input = addChildBlock("input", Dense.glorot(LATENT, 4 * 4 * 8 * dim));
        int[] widths = {8 * dim, 4 * dim, 2 * dim, dim, dim / 2};
        int[] repeats = {6, 6, 6, 6, 5};
        int size = 4;
        for (int stage = 0; stage < widths.length; stage++) {
            int w = widths[stage];
            for (int i = 0; i < repeats[stage]; i++) {
                blocks.add(addChildBlock(size + "x" + size + "_" + i,
                        new BottleneckBlock(w, w, Resampling.NONE, new BatchNorm(w))));
            }
            if (stage + 1 < widths.length) {
                int next = widths[stage + 1];
                blocks.add(addChildBlock("up" + (stage + 1), new BottleneckBlock(w, next, Resampling.UP,
                        new BatchNorm(next))));
                size *= 2;
            }
        }
        output = addChildBlock("output", Conv.glorot(dim / 2, 3, 1, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.head();                                             // (B, 128)
        NDArray h = apply(ps, input, z, training).reshape(-1, 8 * dim, 4, 4);  // (B, 8·DIM, 4, 4)
        for (Block b : blocks) {
            h = apply(ps, b, h, training);                                     // … (B, DIM/2, 64, 64)
        }
        h = apply(ps, output, h, training);                                    // (B, 3, 64, 64)
        return new NDList(Activation.tanh(Resample.times(h, 1 / 5.0)));        // (B, 3, 64, 64)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 64, 64)};
    }
}
