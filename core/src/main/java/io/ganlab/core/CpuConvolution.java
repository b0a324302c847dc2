package io.ganlab.core;

import ai.djl.Device;

/**
 * A hazard of libtorch 2.7.1's CPU convolutions (oneDNN): when a convolution's channel count is not a multiple of
 * the vector block oneDNN lays channels out in (16 floats with AVX-512, 8 with AVX2), its backward pass returns NaN
 * gradients. Measured on a 2-core AMD EPYC with the language critic and generator: widths 4, 8, 12, 20, 24, 28, 40,
 * 56 and 100 under AVX-512 and 12, 20 and 100 under AVX2 gave NaN in most steps; every multiple of 16 tried (16 to
 * 256) gave none under either, whatever the vocabulary. Training therefore refuses other widths on the CPU.
 */
public final class CpuConvolution {
    /** Channel counts of trained CPU convolutions must be multiples of this (the AVX-512 block; AVX2's is 8). */
    public static final int CHANNEL_MULTIPLE = 16;

    private CpuConvolution() {}

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
