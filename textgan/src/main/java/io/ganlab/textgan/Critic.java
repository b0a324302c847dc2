package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganlab.core.ExplicitInputGradient;
import java.util.ArrayList;
import java.util.List;

/**
 * Critic of the WGAN-GP language model:
 * {@code x (B, T, V) → Conv1d(V → D, k1) → 5 residual blocks → flatten (channel-major, B × D·T) →
 * Linear(D·T → 1)}, one score per example {@code (B, 1)}. Real text enters as exact one-hot rows, generated
 * text as the generator's softmax. No batch norm: the gradient penalty is per example. The forward parameters
 * (a gradient penalty's mark, {@link io.ganlab.core.PenaltyForward}) reach the residual blocks.
 *
 * <p>Its input gradient is written out ({@link #inputGradient}), so that the gradient penalties differentiate a
 * forward graph once instead of running libtorch's double backward of every convolution.
 */
public final class Critic extends AbstractBlock implements ExplicitInputGradient {
    private final Architecture arch;
    private final ChannelsLastConv1d input;
    private final ResidualBlock[] res;
    private final Linear output;
    private final List<ChannelsLastConv1d> convs = new ArrayList<>();   // prepared together each step

    public Critic(Architecture arch) {
        this.arch = arch;
        input = addChildBlock("input", ResidualBlock.conv(arch.dim(), 1));
        res = new ResidualBlock[arch.blocks()];
        for (int i = 0; i < res.length; i++) {
            res[i] = addChildBlock("res" + (i + 1), new ResidualBlock(arch.dim(), null));
        }
        Linear lin = Linear.builder().setUnits(1).build();
        lin.setInitializer(Generator.glorot(), Parameter.Type.WEIGHT);
        output = addChildBlock("output", lin);
        convs.add(input);
        for (ResidualBlock r : res) {
            convs.addAll(r.convs());
        }
    }

    public Architecture architecture() {
        return arch;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                   // (B, T, V)
        ChannelsLastConv1d.prepareAll(convs, ps, x, training);
        // (B, V, 1, T) in channels-last memory, a view; the activations stay 4-D up to the output layer
        NDArray x4 = x.transpose(0, 2, 1).expandDims(2);
        NDArray h = input.forward(ps, new NDList(x4), training).singletonOrThrow(); // (B, D, 1, T)
        for (Block r : res) {
            h = r.forward(ps, new NDList(h), training, params).singletonOrThrow(); // (B, D, 1, T)
        }
        return new NDList(score(ps, h, training));                               // (B, 1)
    }

    /**
     * {@code dD/dx (B, T, V)}: the output layer's gradient is its weight, the same for every example; each residual
     * block, last to first, applies its transposed Jacobian (its convolutions' transposed maps and the ReLU masks of
     * a forward pass without graph); the input convolution's transposed map ends it. Only the weights carry graph.
     * One TorchScript function computes it ({@link CriticGradientScript}) from the weights the forward pass uses.
     */
    @Override
    public NDArray inputGradient(ParameterStore ps, NDArray x, boolean training) {
        ChannelsLastConv1d.prepareAll(convs, ps, x, training);
        List<NDArray> weights = new ArrayList<>();
        for (ChannelsLastConv1d c : convs) {                  // input, then each block's conv1 and conv2
            weights.addAll(List.of(c.libtorchWeights(ps, x, training)));
        }
        return CriticGradientScript.inputGradient(x, weights, positionMajorWeight(ps, x, training));
    }

    /**
     * The output layer's weight in the position-major order, {@code (1, T·D)}, owned by {@code like}'s manager: it is
     * stored for the channel-major flattening (see {@link #score}).
     */
    private NDArray positionMajorWeight(ParameterStore ps, NDArray like, boolean training) {
        NDArray w = ps.getValue(output.getParameters().get("weight"), like.getDevice(), training);  // (1, D·T)
        NDArray wd = w.reshape(1, arch.dim(), arch.seqLen());
        wd.attach(like.getManager());   // an op's result joins its operand's manager: here the model's, for good
        return wd.transpose(0, 2, 1).reshape(1, (long) arch.seqLen() * arch.dim());   // (1, T·D), a copy
    }

    /**
     * The output layer on {@code h (B, D, 1, T)}: its weight is stored for the channel-major flattening, and applied
     * here to the position-major one, {@code (B, T·D)}, with the weight's 2,048-odd entries reordered to match.
     * The activations are in channels-last memory (see {@link ChannelsLastConv1d}), so the position-major
     * flattening is a view, and the gradient flowing back keeps that layout; flattening channel-major copied the
     * activations forward and left a plain-order gradient that every residual block's convolution copied again.
     */
    private NDArray score(ParameterStore ps, NDArray h, boolean training) {
        long b = h.getShape().get(0);
        NDArray bias = ps.getValue(output.getParameters().get("bias"), h.getDevice(), training);  // (1)
        NDArray wt = positionMajorWeight(ps, h, training);                                     // (1, T·D)
        NDArray ht = h.transpose(0, 2, 3, 1).reshape(b, (long) arch.seqLen() * arch.dim());   // (B, T·D)
        return Linear.linear(ht, wt, bias).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        input.initialize(manager, dataType, new Shape(b, arch.vocab(), arch.seqLen()));
        Shape hidden = new Shape(b, arch.dim(), arch.seqLen());
        for (Block r : res) {
            r.initialize(manager, dataType, hidden);
        }
        output.initialize(manager, dataType, new Shape(b, (long) arch.dim() * arch.seqLen()));
    }
}
