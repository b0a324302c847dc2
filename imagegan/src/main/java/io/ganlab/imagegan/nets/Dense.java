package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * The reference's {@code lib.ops.linear.Linear}: {@code (B, in) → (B, out)}, weight {@code (out, in)}
 * ({@code .W}, stored transposed by TensorFlow), bias {@code (out)} ({@code .b}) zero. Unlike DJL's
 * {@code Linear} its sizes are fixed at construction, so the networks can initialise it without tracing shapes.
 */
public final class Dense extends AbstractBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public Dense(int in, int out, Initializer init) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("a linear layer needs positive sizes: in " + in + ", out " + out);
        }
        this.in = in;
        this.out = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).optInitializer(init).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build());
    }

    /** {@code initialization=None} (the reference's default): Glorot. */
    public static Dense glorot(int in, int out) {
        return new Dense(in, out, TflibInit.glorot(in, out));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, in)
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException("Dense(" + in + " -> " + out + ") expects (B, " + in + "), got "
                    + x.getShape());
        }
        return Linear.linear(x, ps.getValue(weight, x.getDevice(), training),
                ps.getValue(bias, x.getDevice(), training));                   // (B, out)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ")";
    }
}
