package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.ganlab.core.CpuConvolution;

/**
 * The reference's {@code lib.ops.conv2d.Conv2D}: a k×k convolution with TensorFlow's {@code 'SAME'} padding,
 * {@code (B, in, H, W) → (B, out, ⌈H/s⌉, ⌈W/s⌉)}. SAME pads {@code (out−1)·s + k − H} in all, the smaller half
 * before: for a 5×5 stride-2 convolution of an even size that is 1 before and 2 after, which PyTorch's symmetric
 * padding cannot express, so the input is padded explicitly when the halves differ. Weights
 * {@code (out, in, k, k)} ({@code .Filters}), bias {@code (out)} ({@code .Biases}) zero.
 */
public final class Conv extends AbstractBlock {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param init the weights' initialisation, usually {@link TflibInit#conv}
     */
    public Conv(int in, int out, int kernel, int stride, boolean biases, Initializer init) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1) {
            throw new IllegalArgumentException("a convolution needs positive sizes: in " + in + ", out " + out
                    + ", kernel " + kernel + ", stride " + stride);
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel)).optInitializer(init).build());
        bias = biases ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build()) : null;
    }

    /** The reference's default: He-style initialisation ({@code he_init=True}), with biases. */
    public static Conv he(int in, int out, int kernel, int stride) {
        return new Conv(in, out, kernel, stride, true, TflibInit.conv(in, out, kernel, stride, true));
    }

    /** {@code he_init=False}: Glorot-style initialisation, with biases. */
    public static Conv glorot(int in, int out, int kernel, int stride) {
        return new Conv(in, out, kernel, stride, true, TflibInit.conv(in, out, kernel, stride, false));
    }

    /** TensorFlow's SAME padding of one axis of size {@code size}: {before, after}. */
    static int[] samePadding(long size, int kernel, int stride) {
        long outSize = (size + stride - 1) / stride;
        int total = (int) Math.max((outSize - 1) * stride + kernel - size, 0);
        return new int[] {total / 2, total - total / 2};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                              // (B, in, H, W)
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != in) {
            throw new IllegalArgumentException("Conv(" + in + " -> " + out + ") expects (B, " + in
                    + ", H, W), got " + s);
        }
        int[] ph = samePadding(s.get(2), kernel, stride);
        int[] pw = samePadding(s.get(3), kernel, stride);
        Shape padding;
        if (ph[0] == ph[1] && pw[0] == pw[1]) {
            padding = new Shape(ph[0], pw[0]);
        } else {
            // torch pad order: last axis first (W left, W right, H top, H bottom)
            x = x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), 0);                  // (B, in, H+ph, W+pw)
            padding = new Shape(0, 0);
        }
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
        // (B, out, H/s, W/s); an output layer's few channels are widened there (CpuConvolution says why)
        return new NDList(CpuConvolution.conv2d(x, w, b, new Shape(stride, stride), padding, new Shape(1, 1), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, (s.get(2) + stride - 1) / stride,
                (s.get(3) + stride - 1) / stride)};
    }

    @Override
    public String toString() {
        return "Conv(" + in + " -> " + out + ", " + kernel + "x" + kernel + ", stride " + stride
                + (bias == null ? ", no bias" : "") + ")";
    }
}
