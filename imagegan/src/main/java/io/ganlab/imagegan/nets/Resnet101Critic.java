package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ResnetDiscriminator} of {@code gan_64x64.py} ("101-layer ResNet D", DIM 64):
 * {@code x (B, 3, 64, 64) → Conv1×1 (Glorot) → (B, DIM/2, 64, 64) → 5 blocks → down → (B, DIM, 32, 32) → 6 →
 * down → (B, 2·DIM, 16, 16) → 6 → down → (B, 4·DIM, 8, 8) → 6 → down → (B, 8·DIM, 4, 4) → 6 → flatten → Linear →
 * ·/5 → (B)}. Each {@link BottleneckBlock} ends in the critic's normalisation.
 */
public final class Resnet101Critic extends ImageNetwork {
    private final int dim;
    private final Block input;
    private final List<Block> blocks = new ArrayList<>();
    private final Block output;

    public Resnet101Critic(int dim, CriticNorm norm) {
        if (dim % 4 != 0) {
            throw new IllegalArgumentException("the 101-layer ResNet needs DIM divisible by 4, got " + dim);
        }
        this.dim = dim;
        input = addChildBlock("input", Conv.glorot(3, dim / 2, 1, 1));
        int[] widths = {dim / 2, dim, 2 * dim, 4 * dim, 8 * dim};
        int[] repeats = {5, 6, 6, 6, 6};
        int size = 64;
        for (int stage = 0; stage < widths.length; stage++) {
            int w = widths[stage];
            for (int i = 0; i < repeats[stage]; i++) {
                blocks.add(addChildBlock(size + "x" + size + "_" + i,
                        new BottleneckBlock(w, w, Resampling.NONE, norm.create(w))));
            }
            if (stage + 1 < widths.length) {
                int next = widths[stage + 1];
                blocks.add(addChildBlock("down" + (stage + 1),
                        new BottleneckBlock(w, next, Resampling.DOWN, norm.create(next))));
                size /= 2;
            }
        }
        output = addChildBlock("output", Dense.glorot(4 * 4 * 8 * dim, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = apply(ps, input, inputs.head(), training);                 // (B, DIM/2, 64, 64)
        for (Block b : blocks) {
            h = apply(ps, b, h, training);                                     // … (B, 8·DIM, 4, 4)
        }
        h = h.reshape(-1, 4 * 4 * 8 * dim);                                    // (B, 4·4·8·DIM)
        NDArray scores = apply(ps, output, h, training).reshape(-1);           // (B)
        return new NDList(Resample.times(scores, 1 / 5.0));                    // (B)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
