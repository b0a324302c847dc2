package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.ganlab.core.Bf16;
import io.ganlab.core.Scalars;

/**
 * The reference's {@code lib.ops.layernorm.Layernorm(name, [1, 2, 3], x)}: each example of {@code (B, C, H, W)}
 * normalised by the mean and (biased) variance of all its C·H·W values, ε = 1e-5, then a per-channel scale
 * {@code (C)} (one) and offset {@code (C)} (zero). DJL's {@code LayerNorm} would learn one scale per value of
 * (C, H, W) instead. Written with plain tensor operations so that the gradient penalty can differentiate it twice.
 */
public final class LayerNorm extends AbstractBlock {
    static final double EPSILON = 1e-5;

    private final int channels;
    private final Parameter scale;
    private final Parameter offset;

    public LayerNorm(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("layer norm needs at least one channel, got " + channels);
        }
        this.channels = channels;
        scale = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ONES).build());
        offset = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, C, H, W)
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("LayerNorm(" + channels + ") expects (B, " + channels
                    + ", H, W), got " + x.getShape());
        }
        return new NDList(Bf16.inFloat(x, v -> normalise(ps, v, training)));
    }

    private NDArray normalise(ParameterStore ps, NDArray x, boolean training) {
        long b = x.getShape().get(0);
        // flattened, as DJL's PyTorch engine averages over a single axis per call
        NDArray centred = x.sub(x.reshape(b, -1).mean(new int[] {1}, true).reshape(b, 1, 1, 1)); // (B, C, H, W)
        NDArray var = centred.square().reshape(b, -1).mean(new int[] {1}, true).reshape(b, 1, 1, 1); // (B, 1, 1, 1)
        NDArray std;
        try (NDArray eps = Scalars.constant(var, EPSILON)) {
            std = var.add(eps).sqrt();                                         // (B, 1, 1, 1)
        }
        // a view of a parameter belongs to the parameter's long-lived manager: hand it to the step's, or every
        // step's view (and the graph it holds) would stay alive
        NDArray g = ps.getValue(scale, x.getDevice(), training).reshape(1, channels, 1, 1);
        g.attach(x.getManager());
        NDArray o = ps.getValue(offset, x.getDevice(), training).reshape(1, channels, 1, 1);
        o.attach(x.getManager());
        return centred.div(std).mul(g).add(o);                                 // (B, C, H, W)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "LayerNorm(" + channels + " over C,H,W)";
    }
}
