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
 * {@code ResidualBlock} of {@code gan_cifar_resnet.py}, pre-activation:
 * {@code out = shortcut(x) + conv2(relu(N2(conv1(relu(N1(x))))))}, 3×3 convolutions.
 * <ul>
 *   <li>{@code UP}: conv1 = nearest-neighbour upsampling then conv (in → out), conv2 = conv (out → out),
 *       shortcut = upsampling then 1×1 conv;</li>
 *   <li>{@code DOWN}: conv1 = conv (in → in), conv2 = conv (in → out) then 2×2 mean pool, shortcut = 1×1 conv then
 *       mean pool;</li>
 *   <li>{@code NONE}: conv1 (in → out), conv2 (out → out); the shortcut is the identity when in = out, else a
 *       1×1 conv.</li>
 * </ul>
 * Residual convolutions He-initialised, the shortcut's Glorot ({@code he_init=False}); every conv has a bias.
 * Inputs {@code (x)} or, when a normalisation is conditional, {@code (x, labels)}.
 */
public final class CifarResidualBlock extends ImageNetwork {
    private final Resampling resample;
    private final Block shortcut;
    private final Block norm1;
    private final Block conv1;
    private final Block norm2;
    private final Block conv2;

    /**
     * @param norm the normalisation of a given channel count ({@code Normalize}), returning null for none
     */
    public CifarResidualBlock(int in, int out, Resampling resample, IntFunction<Block> norm) {
        this.resample = resample;
        int kernel = 3;
        int mid = resample == Resampling.DOWN ? in : out;
        shortcut = in == out && resample == Resampling.NONE ? null
                : addChildBlock("shortcut", Conv.glorot(in, out, 1, 1));
        norm1 = optional("norm1", norm.apply(in));
        conv1 = addChildBlock("conv1", Conv.he(in, mid, kernel, 1));
        norm2 = optional("norm2", norm.apply(mid));
        conv2 = addChildBlock("conv2", Conv.he(mid, out, kernel, 1));
    }

    /** Applies a normalisation, handing it the labels when it is conditional. */
    static NDArray normalize(ParameterStore ps, Block norm, NDArray x, NDArray labels, boolean training) {
        if (norm instanceof ConditionalBatchNorm) {
            if (labels == null) {
                throw new IllegalArgumentException("a conditional normalisation needs labels: pass (x, labels)");
            }
            return norm.forward(ps, new NDList(x, labels), training).head();
        }
        return apply(ps, norm, x, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);                                             // (B, in, H, W)
        NDArray labels = inputs.size() > 1 ? inputs.get(1) : null;             // (B) or none
        NDArray skip = switch (resample) {
            case UP -> apply(ps, shortcut, Resample.upsample(x), training);     // (B, out, 2H, 2W)
            case DOWN -> Resample.meanPool(apply(ps, shortcut, x, training));   // (B, out, H/2, W/2)
            case NONE -> apply(ps, shortcut, x, training);                      // (B, out, H, W)
        };
        NDArray h = Activation.relu(normalize(ps, norm1, x, labels, training)); // (B, in, H, W)
        if (resample == Resampling.UP) {
            h = Resample.upsample(h);                                          // (B, in, 2H, 2W)
        }
        h = apply(ps, conv1, h, training);                                     // (B, mid, H', W')
        h = Activation.relu(normalize(ps, norm2, h, labels, training));
        h = apply(ps, conv2, h, training);                                     // (B, out, H', W')
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
