package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1-D convolution with 'same' padding (odd kernels), {@code (B, C, T) → (B, filters, T)}, weight
 * {@code (filters, C, k)} and bias {@code (filters)}: the same parameters, initialisation order and checkpoint bytes as
 * DJL's {@code Conv1d}, computed in channels-last memory.
 *
 * <p>Why: libtorch's CPU convolutions (oneDNN) work on channels-last or blocked layouts. Given plain {@code (B, C, T)}
 * activations, every convolution call, forward and backward, reorders its input in and its output back out; in the
 * language critic step those reorders took about 40% of oneDNN's time (measured with {@code ONEDNN_VERBOSE}).
 * libtorch makes any 3-D convolution input contiguous, so the channels-last path is reached as a 2-D convolution over
 * {@code (B, C, 1, T)} whose memory is ordered {@code (B, T, C)}. Its output keeps that order, and so do the
 * element-wise operations between convolutions; callers give the first convolution such an input
 * ({@link #channelsLast}, or the transpose of a contiguous {@code (B, T, C)}).
 */
public final class ChannelsLastConv1d extends AbstractBlock {
    /** DJL 0.35's {@code Convolution} version: checkpoints its {@code Conv1d} blocks wrote load unchanged. */
    private static final byte VERSION = 3;

    private final int filters;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    public ChannelsLastConv1d(int filters, int kernel) {
        super(VERSION);
        if (kernel % 2 != 1) {
            throw new IllegalArgumentException("'same' padding needs an odd kernel, got " + kernel);
        }
        this.filters = filters;
        this.kernel = kernel;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /**
     * {@code x (B, C, T)} with the same values, its memory ordered {@code (B, T, C)}: one copy, for activations that
     * come from elsewhere in plain order (a reshaped linear layer).
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        // reshaping the transposed view cannot be a view, so libtorch copies it into (B, T, C) order
        return x.transpose(0, 2, 1).reshape(s.get(0), s.get(2) * s.get(1)).reshape(s.get(0), s.get(2), s.get(1))
                .transpose(0, 2, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                        // (B, C, T)
        NDArray w = ps.getValue(weight, x.getDevice(), training);                     // (F, C, k)
        NDArray b = ps.getValue(bias, x.getDevice(), training);                       // (F)
        NDArray w4 = w.expandDims(2);                                                 // (F, C, 1, k), a view
        w4.attach(x.getManager());   // an op's result joins its operand's manager: here the model's, for good
        NDArray y = Conv2d.conv2d(x.expandDims(2), w4, b, new Shape(1, 1), new Shape(0, kernel / 2),
                new Shape(1, 1)).singletonOrThrow();                                  // (B, F, 1, T)
        return new NDList(y.squeeze(2));                                              // (B, F, T)
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel));
        bias.setShape(new Shape(filters));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), filters, inputShapes[0].get(2))};
    }

    @Override
    public String toString() {
        return "ChannelsLastConv1d(filters=" + filters + ", kernel=" + kernel + ")";
    }
}
