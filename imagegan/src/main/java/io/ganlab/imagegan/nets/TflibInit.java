package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * The weight initialisation of the reference's {@code tflib/ops} ({@code conv2d.py}, {@code deconv2d.py},
 * {@code linear.py}): uniform on {@code ±√3·σ}, so that the weights have standard deviation σ, with σ chosen by
 * the layer from its fans. The fans are computed as the Python 2 code did, with integer division:
 * {@code 25 / 4} is 6, which matters for the 1- and 3-channel layers.
 */
public final class TflibInit implements Initializer {
    private final double stdev;

    /** Weights uniform on ±√3·{@code stdev}. */
    public TflibInit(double stdev) {
        if (!(stdev > 0) || Double.isInfinite(stdev)) {
            throw new IllegalArgumentException("an initialisation needs a positive finite stdev, got " + stdev);
        }
        this.stdev = stdev;
    }

    public double stdev() {
        return stdev;
    }

    /**
     * {@code Conv2D}: fan_in = in·k², fan_out = out·k² / stride² (integer division);
     * σ = sqrt(4 / (fan_in + fan_out)) with {@code he_init} (the default), else sqrt(2 / (fan_in + fan_out)).
     */
    public static TflibInit conv(int in, int out, int kernel, int stride, boolean he) {
        long fanIn = (long) in * kernel * kernel;
        long fanOut = (long) out * kernel * kernel / ((long) stride * stride);
        return new TflibInit(Math.sqrt((he ? 4.0 : 2.0) / (fanIn + fanOut)));
    }

    /**
     * {@code Deconv2D} (always stride 2): fan_in = in·k² / 4 (integer division), fan_out = out·k²;
     * σ = sqrt(4 / (fan_in + fan_out)) with {@code he_init} (the default), else sqrt(2 / (fan_in + fan_out)).
     */
    public static TflibInit deconv(int in, int out, int kernel, boolean he) {
        long fanIn = (long) in * kernel * kernel / 4;
        long fanOut = (long) out * kernel * kernel;
        return new TflibInit(Math.sqrt((he ? 4.0 : 2.0) / (fanIn + fanOut)));
    }

    /** {@code Linear} with {@code initialization=None} or {@code 'glorot'}: σ = sqrt(2 / (in + out)). */
    public static TflibInit glorot(int in, int out) {
        return new TflibInit(Math.sqrt(2.0 / (in + out)));
    }

    /** {@code Linear} with {@code initialization='he'}: σ = sqrt(2 / in). */
    public static TflibInit he(int in) {
        return new TflibInit(Math.sqrt(2.0 / in));
    }

    /** {@code set_weights_stdev(0.02)} of the 64x64 DCGAN networks: every weight σ = 0.02, still uniform. */
    public static TflibInit dcgan() {
        return new TflibInit(0.02);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float a = (float) (Math.sqrt(3) * stdev);
        return manager.randomUniform(-a, a, shape, dataType);
    }

    @Override
    public String toString() {
        return "uniform(±√3·" + stdev + ")";
    }
}
