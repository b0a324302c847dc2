package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.ganlab.core.PenaltyForward;
import io.ganlab.core.Scalars;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code out = x + 0.3 · conv5(relu(conv5(relu(x))))}, 'same' padding, DIM → DIM channels; input and output
 * {@code (B, DIM, T)}, or {@code (B, DIM, 1, T)} as the networks keep them (see {@link ChannelsLastConv1d}). With batch norm (the FOGAN generator) each convolution is followed by one, as the authors'
 * {@code ResBlock}: {@code x + 0.3 · bn2(conv5(relu(bn1(conv5(relu(x))))))}. In a gradient penalty's forward pass
 * the ReLUs take {@link PenaltyForward}'s cheaper-to-differentiate form.
 */
public final class ResidualBlock extends AbstractBlock {
    private final ChannelsLastConv1d conv1;
    private final ChannelsLastConv1d conv2;
    private final Block norm1;
    private final Block norm2;

    /** @param norm makes the batch norm that follows each convolution; {@code null} for none */
    public ResidualBlock(int dim, Supplier<Block> norm) {
        conv1 = addChildBlock("conv1", conv(dim, Architecture.KERNEL));
        norm1 = norm != null ? addChildBlock("bn1", norm.get()) : null;
        // without a norm after it, the second convolution carries the residual scale (ChannelsLastConv1d says why)
        conv2 = addChildBlock("conv2", conv(dim, Architecture.KERNEL, norm == null ? Architecture.RESIDUAL_SCALE : 1));
        norm2 = norm != null ? addChildBlock("bn2", norm.get()) : null;
    }

    /**
     * A 1-D convolution with the reference's initialisation: uniform ±sqrt(3)·sqrt(4 / (fan_in + fan_out)),
     * fans counted with the kernel width (Xavier, average fan, magnitude 6), zero bias.
     */
    static ChannelsLastConv1d conv(int filters, int kernel) {
        return conv(filters, kernel, 1);
    }

    /** {@link #conv(int, int)} with its output multiplied by {@code scale}. */
    static ChannelsLastConv1d conv(int filters, int kernel, double scale) {
        ChannelsLastConv1d c = new ChannelsLastConv1d(filters, kernel, scale);
        c.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.AVG, 6f), Parameter.Type.WEIGHT);
        return c;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                  // (B, D, [1,] T)
        NDArray h = conv1.forward(ps, new NDList(PenaltyForward.relu(x, params)), training).singletonOrThrow();
        if (norm1 != null) {
            h = norm1.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        h = conv2.forward(ps, new NDList(PenaltyForward.relu(h, params)), training).singletonOrThrow();
        if (norm2 != null) {
            // not h.mul(0.3f): DJL's mul(Number) lets the GC free the constant that autograd keeps for backward
            h = Scalars.times(norm2.forward(ps, new NDList(h), training).singletonOrThrow(),
                    Architecture.RESIDUAL_SCALE);
        }
        return new NDList(x.add(h));                                            // (B, D, [1,] T)
    }

    /** Its two convolutions, in forward order. */
    List<ChannelsLastConv1d> convs() {
        return List.of(conv1, conv2);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : getChildren().values()) {
            b.initialize(manager, dataType, inputShapes);
        }
    }
}
