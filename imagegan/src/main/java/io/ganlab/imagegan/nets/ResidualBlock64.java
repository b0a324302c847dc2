package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.IntFunction;

/**
 * {@code ResidualBlock} of {@code gan_64x64.py} (the 64x64 ResNet's unit), pre-activation:
 * {@code out = shortcut(x) + conv2(relu(N2(conv1(relu(N1(x))))))}, 3×3 convolutions, conv1 without bias. It
 * differs from {@link CifarResidualBlock} in that bias and in resampling:
 * <ul>
 *   <li>{@code UP}: conv1 = upsampling then conv (in → out), conv2 (out → out), shortcut = upsampling then 1×1;</li>
 *   <li>{@code DOWN}: conv1 (in → in), conv2 = conv (in → out) then mean pool, shortcut = mean pool then 1×1
 *       ({@code MeanPoolConv}; the CIFAR block convolves first);</li>
 *   <li>{@code NONE}: conv1 (in → in), conv2 (in → out); shortcut identity when in = out, else 1×1.</li>
 * </ul>
 */
public final class ResidualBlock64 extends ImageNetwork {
    private final Resampling resample;
    private final Block shortcut;
    private final Block norm1;
    private final Block conv1;
    private final Block norm2;
    private final Block conv2;

    public ResidualBlock64(int in, int out, Resampling resample, IntFunction<Block> norm) {
        this.resample = resample;
        int mid = resample == Resampling.UP ? out : in;
        shortcut = in == out && resample == Resampling.NONE ? null
                : addChildBlock("shortcut", Conv.glorot(in, out, 1, 1));
        norm1 = optional("norm1", norm.apply(in));
        conv1 = addChildBlock("conv1", new Conv(in, mid, 3, 1, false, TflibInit.conv(in, mid, 3, 1, true)));
        norm2 = optional("norm2", norm.apply(mid));
        conv2 = addChildBlock("conv2", Conv.he(mid, out, 3, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, in, H, W)
        NDArray skip = switch (resample) {
            case UP -> apply(ps, shortcut, Resample.upsample(x), training);     // (B, out, 2H, 2W)
            case DOWN -> apply(ps, shortcut, Resample.meanPool(x), training);   // (B, out, H/2, W/2)
            case NONE -> apply(ps, shortcut, x, training);                      // (B, out, H, W)
        };
        NDArray h = Activation.relu(apply(ps, norm1, x, training));            // (B, in, H, W)
        if (resample == Resampling.UP) {
            h = Resample.upsample(h);                                          // (B, in, 2H, 2W)
        }
        h = apply(ps, conv1, h, training);                                     // (B, mid, H', W')
        h = apply(ps, conv2, Activation.relu(apply(ps, norm2, h, training)), training); // (B, out, H', W')
        if (resample == Resampling.DOWN) {
            h = Resample.meanPool(h);                                          // (B, out, H/2, W/2)
        }
        return new NDList(skip.add(h));                                        // (B, out, H', W')
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("a residual block's output shape follows from its forward pass");
    }
}
