package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A small conv + linear critic for the tests: (B, C, W) → Conv1d(k3, same) → tanh → flatten → Linear → (B, 1). */
final class SmallCritic {
    final Block block;
    final ParameterStore ps;
    final List<Parameter> params = new ArrayList<>();

    SmallCritic(NDManager m, DataType type, int filters, Shape input, long seed) {
        block = new SequentialBlock()
                .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(filters).optPadding(new Shape(1)).build())
                .add(Activation::tanh)
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(1).build());
        block.initialize(m, type, input);
        ps = new ParameterStore(m, false);
        SplittableRandom r = new SplittableRandom(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.add(p.getValue());
            NDArray a = p.getValue().getArray();
            double[] v = new double[(int) a.getShape().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble(-0.5, 0.5);
            }
            setValues(a, v);
        }
    }

    CriticFunction function() {
        return x -> block.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /** Overwrites a (possibly gradient-requiring) leaf in place. */
    static void setValues(NDArray a, double[] v) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDArray src = a.getManager().create(v, a.getShape())) {
            a.set(new ai.djl.ndarray.index.NDIndex("..."), src.toType(a.getDataType(), false));
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
