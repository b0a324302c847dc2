package io.ganlab.core;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A hazard of libtorch 2.7.1's CPU convolutions (oneDNN): when a convolution's channel count is not a multiple of
 * the vector block oneDNN lays channels out in (16 floats with AVX-512, 8 with AVX2), its backward pass returns NaN
 * gradients. Measured on a 2-core AMD EPYC with the language critic and generator: widths 4, 8, 12, 20, 24, 28, 40,
 * 56 and 100 under AVX-512 and 12, 20 and 100 under AVX2 gave NaN in most steps; every multiple of 16 tried (16 to
 * 256) gave none under either, whatever the vocabulary. Training therefore refuses other widths on the CPU.
 *
 * <p>The count that matters is a convolution's <em>output</em> channels, and only for kernels wider than 1×1: it is
 * the gradient with respect to the input that comes out NaN (measured on the same machine, 50 trials each: 3×3,
 * 16 → 4 channels, bf16 in 36–42 of 50 and FP32 in 1 of 50; 16 → 12 in 40 of 50 in bf16; 5×5 64 → 76 in 4 of 40;
 * 1×1 to 4, 12 or 76 channels, and 1 or 3 input channels, in none). Layers whose output count the data fixes (an
 * image's colour channels, a transposed convolution's 4 phases of them) go through {@link #conv2d}, which gives
 * oneDNN a multiple of 16 filters.
 */
public final class CpuConvolution {
    /** Channel counts of trained CPU convolutions must be multiples of this (the AVX-512 block; AVX2's is 8). */
    public static final int CHANNEL_MULTIPLE = 16;

    private CpuConvolution() {}

    /**
     * DJL's {@code Conv2d.conv2d}, except that on the CPU a convolution with a kernel wider than 1×1 and a number of
     * filters that is not a multiple of {@link #CHANNEL_MULTIPLE} runs with zero filters (and zero biases) appended
     * up to the next multiple, and their output channels dropped. The kept channels are the same function of the
     * input and weights; the appended ones get zero gradient, so the weights' gradients are unchanged.
     *
     * @param w (F, C/groups, kH, kW) in any memory layout
     * @param b (F), or null
     * @return (B, F, H', W')
     */
    public static NDArray conv2d(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding, Shape dilation,
                                 int groups) {
        Shape ws = w.getShape();
        long filters = ws.get(0);
        boolean hazard = groups == 1 && !trainable(filters, x.getDevice()) && ws.size() / (ws.get(0) * ws.get(1)) > 1;
        if (!hazard) {
            return Conv2d.conv2d(x, w, b, stride, padding, dilation, groups).singletonOrThrow();
        }
        long extra = CHANNEL_MULTIPLE - filters % CHANNEL_MULTIPLE;
        // torch's pad order: last axis first, so the filters' axis (0) is the last pair
        NDArray wide = w.pad(new Shape(0, 0, 0, 0, 0, 0, 0, extra), 0);
        // an op's result joins its operand's manager, for weights the model's, for good: hand them to the input's
        wide.attach(x.getManager());
        NDArray wideBias = null;
        if (b != null) {
            wideBias = b.pad(new Shape(0, extra), 0);
            wideBias.attach(x.getManager());
        }
        NDArray y = Conv2d.conv2d(x, wide, wideBias, stride, padding, dilation, groups).singletonOrThrow();
        return y.get(new NDIndex(":, 0:{}", filters));
    }

    /** Whether convolutions of {@code channels} channels get finite gradients on {@code device}. */
    public static boolean trainable(long channels, Device device) {
        return device.isGpu() || channels % CHANNEL_MULTIPLE == 0;
    }

    /**
     * Refuses a convolution width that would train on NaN gradients on {@code device}.
     *
     * @param name what the width is called in the config, for the message (e.g. {@code model.dim})
     * @throws TrainingException on the CPU when {@code channels} is not a multiple of {@link #CHANNEL_MULTIPLE}
     */
    public static void requireTrainableWidth(String name, long channels, Device device) {
        if (trainable(channels, device)) {
            return;
        }
        long below = channels / CHANNEL_MULTIPLE * CHANNEL_MULTIPLE;
        long above = below + CHANNEL_MULTIPLE;
        String choice = below == 0 ? String.valueOf(above) : below + " or " + above;
        throw new TrainingException(name + " is " + channels + ": on the CPU it must be a multiple of "
                + CHANNEL_MULTIPLE + " (libtorch's oneDNN convolutions return NaN gradients at other widths; see"
                + " README, Known issues); use " + choice);
    }
}
