package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.ganlab.core.Scalars;

/**
 * The reference's tensor reshuffles and nonlinearities, written with reshapes and means so that each one is
 * exact and twice differentiable (the critic's gradient penalty differentiates through them again).
 */
final class Resample {
    private Resample() {}

    /** {@code ConvMeanPool}/{@code MeanPoolConv}'s pooling: the mean of each 2×2 block, (B, C, H, W) → (B, C, H/2, W/2). */
    static NDArray meanPool(NDArray x) {
        Shape s = x.getShape();
        if (s.get(2) % 2 != 0 || s.get(3) % 2 != 0) {
            throw new IllegalArgumentException("mean pooling needs an even height and width, got " + s);
        }
        return x.reshape(s.get(0), s.get(1), s.get(2) / 2, 2, s.get(3) / 2, 2)   // (B, C, H/2, 2, W/2, 2)
                .mean(new int[] {5})                                           // (B, C, H/2, 2, W/2)
                .mean(new int[] {3});                                          // (B, C, H/2, W/2)
        // one axis at a time: DJL's PyTorch engine averages over a single axis per call
    }

    /**
     * {@code UpsampleConv}'s upsampling: {@code depth_to_space(concat([x, x, x, x], axis=1), 2)} copies each pixel
     * into a 2×2 block (nearest neighbour), (B, C, H, W) → (B, C, 2H, 2W).
     */
    static NDArray upsample(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, c, h, 1, w, 1)                                      // (B, C, H, 1, W, 1)
                .broadcast(new Shape(b, c, h, 2, w, 2))                        // (B, C, H, 2, W, 2)
                .reshape(b, c, 2 * h, 2 * w);                                  // (B, C, 2H, 2W)
    }

    /**
     * TensorFlow's {@code depth_to_space(x, 2)} in NCHW ({@code SubpixelConv2D}): channel {@code (2i + j)·C + c}
     * of (B, 4C, H, W) becomes pixel (2h + i, 2w + j) of channel c, giving (B, C, 2H, 2W).
     */
    static NDArray depthToSpace(NDArray x) {
        Shape s = x.getShape();
        if (s.get(1) % 4 != 0) {
            throw new IllegalArgumentException("depth to space needs a multiple of 4 channels, got " + s);
        }
        long b = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, 2, 2, c, h, w)                                      // (B, i, j, C, H, W)
                .transpose(0, 3, 4, 1, 5, 2)                                   // (B, C, H, i, W, j)
                .reshape(b, c, 2 * h, 2 * w);                                  // (B, C, 2H, 2W)
    }

    /** {@code LeakyReLU}: max(0.2·x, x). */
    static NDArray leakyRelu(NDArray x) {
        return Activation.leakyRelu(x, 0.2f);
    }

    /**
     * {@code pixcnn_gated_nonlinearity(x[:, ::2], x[:, 1::2])}: sigmoid of the even channels times tanh of the odd
     * ones, (B, 2C, H, W) → (B, C, H, W).
     */
    static NDArray gated(NDArray x) {
        Shape s = x.getShape();
        if (s.get(1) % 2 != 0) {
            throw new IllegalArgumentException("the gated nonlinearity needs an even channel count, got " + s);
        }
        NDArray pairs = x.reshape(s.get(0), s.get(1) / 2, 2, s.get(2), s.get(3)); // (B, C, 2, H, W): channel 2c + t
        return Activation.sigmoid(pairs.get(":, :, 0")).mul(Activation.tanh(pairs.get(":, :, 1"))); // (B, C, H, W)
    }

    /** {@code x · c} for a constant c, safely inside graphs that are differentiated again (see core's Scalars). */
    static NDArray times(NDArray x, double c) {
        return Scalars.times(x, c);
    }
}
