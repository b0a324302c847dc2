package io.ganlab.imagegan.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganlab.imagegan.nets.TflibInit;

/**
 * The toy networks of the WGAN-GP authors' code: {@code x (B, in) → [Linear(width) → ReLU] × hidden →
 * Linear(out)}, giving {@code (B, out)}. The generator is {@code Mlp(2, 512, 3, 2)}, the critic
 * {@code Mlp(2, 512, 3, 1)}. Initialised as {@code gan_toy.py} initialises them through tflib's {@code Linear}: each
 * ReLU layer {@code initialization='he'}, uniform on ±√3·sqrt(2 / fan_in) = ±sqrt(6 / fan_in); the output layer the
 * default ({@code None}, which tflib takes as {@code 'glorot'}), uniform on ±sqrt(6 / (fan_in + fan_out)); biases
 * zero. No normalisation: the penalty is per example.
 */
public final class Mlp extends AbstractBlock {
    private final int in;
    private final int width;
    private final int out;
    private final Block[] hidden;
    private final Block output;

    public Mlp(int in, int width, int hiddenLayers, int out) {
        if (in < 1 || width < 1 || hiddenLayers < 0 || out < 1) {
            throw new IllegalArgumentException("an MLP needs positive sizes: in " + in + ", width " + width
                    + ", hidden layers " + hiddenLayers + ", out " + out);
        }
        this.in = in;
        this.width = width;
        this.out = out;
        hidden = new Block[hiddenLayers];
        for (int i = 0; i < hiddenLayers; i++) {
            hidden[i] = addChildBlock("hidden" + (i + 1), linear(width, TflibInit.he(i == 0 ? in : width)));
        }
        output = addChildBlock("output", linear(out, TflibInit.glorot(hiddenLayers == 0 ? in : width, out)));
    }

    /** DJL's {@code Linear} rather than {@code nets.Dense}: the toy checkpoints already saved keep loading. */
    private static Linear linear(int units, TflibInit init) {
        Linear l = Linear.builder().setUnits(units).build();
        l.setInitializer(init, Parameter.Type.WEIGHT);
        return l;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();                                   // (B, in)
        for (Block b : hidden) {
            h = Activation.relu(b.forward(ps, new NDList(h), training).singletonOrThrow()); // (B, width)
        }
        return output.forward(ps, new NDList(h), training);                      // (B, out)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        if (inputShapes[0].get(1) != in) {
            throw new IllegalArgumentException("this MLP reads " + in + " features, got input " + inputShapes[0]);
        }
        Shape s = new Shape(b, in);
        for (Block h : hidden) {
            h.initialize(manager, dataType, s);
            s = new Shape(b, width);
        }
        output.initialize(manager, dataType, s);
    }

    @Override
    public String toString() {
        return "Mlp(" + in + " -> " + width + " x " + hidden.length + " -> " + out + ")";
    }
}
