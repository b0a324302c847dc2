package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code BottleneckResidualBlock} of {@code gan_64x64.py}, the unit of the 101-layer ResNets:
 * {@code out = shortcut(x) + 0.3 · N(conv2(relu(conv1b(relu(conv1(relu(x)))))))} with conv1 1×1 (in → in/2),
 * conv1b 3×3 (in/2 → out/2; stride 2 for {@code DOWN}, a stride-2 transposed convolution for {@code UP}), conv2
 * 1×1 (→ out, no bias). Shortcut: identity when in = out and no resampling; 1×1 stride-2 conv ({@code DOWN});
 * {@code SubpixelConv2D}, a 1×1 conv to 4·out channels then depth-to-space ({@code UP}); else a 1×1 conv.
 * Shortcuts Glorot-initialised, the rest He. N is batch norm in the generator and the critic's normalisation.
 */
public final class BottleneckBlock extends ImageNetwork {
    static final double RESIDUAL_SCALE = 0.3;

    private final Resampling resample;
    private final Block shortcut;
    private final Block conv1;
    private final Block conv1b;
    private final Block conv2;
    private final Block norm;

    /** @param norm the normalisation after conv2, over {@code out} channels; null for none */
    public BottleneckBlock(int in, int out, Resampling resample, Block norm) {
        if (in % 2 != 0 || out % 2 != 0) {
            throw new IllegalArgumentException("a bottleneck block halves its widths: in " + in + " and out " + out
                    + " must be even");
        }
        this.resample = resample;
        shortcut = switch (resample) {
            case DOWN -> addChildBlock("shortcut", Conv.glorot(in, out, 1, 2));
            case UP -> addChildBlock("shortcut", new Conv(in, 4 * out, 1, 1, true,
                    TflibInit.conv(in, 4 * out, 1, 1, false)));
            case NONE -> in == out ? null : addChildBlock("shortcut", Conv.glorot(in, out, 1, 1));
        };
        conv1 = addChildBlock("conv1", Conv.he(in, in / 2, 1, 1));
        conv1b = addChildBlock("conv1b", switch (resample) {
            case DOWN -> Conv.he(in / 2, out / 2, 3, 2);
            case UP -> Deconv.he(in / 2, out / 2, 3);
            case NONE -> Conv.he(in / 2, out / 2, 3, 1);
        });
        // with resample None the reference sizes conv2's input as input_dim/2; the blocks used have in = out
        int mid = resample == Resampling.NONE ? in / 2 : out / 2;
        conv2 = addChildBlock("conv2", new Conv(mid, out, 1, 1, false, TflibInit.conv(mid, out, 1, 1, true)));
        this.norm = optional("norm", norm);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, in, H, W)
        NDArray skip = apply(ps, shortcut, x, training);                       // (B, out or 4·out, H', W')
        if (resample == Resampling.UP) {
            skip = Resample.depthToSpace(skip);                                // (B, out, 2H, 2W)
        }
        NDArray h = apply(ps, conv1, Activation.relu(x), training);            // (B, in/2, H, W)
        h = apply(ps, conv1b, Activation.relu(h), training);                   // (B, out/2, H', W')
        h = apply(ps, conv2, Activation.relu(h), training);                    // (B, out, H', W')
        h = apply(ps, norm, h, training);
        return new NDList(skip.add(Resample.times(h, RESIDUAL_SCALE)));        // (B, out, H', W')
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("a residual block's output shape follows from its forward pass");
    }
}
