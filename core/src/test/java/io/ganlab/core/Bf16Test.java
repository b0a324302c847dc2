package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bf16 casts and the store of bf16 weight copies. */
class Bf16Test {
    // bf16 keeps 8 significant bits: 1.5, -2 and 0.25 survive the round trip, 1 + 2^-10 rounds to 1 and
    // 1 + 3·2^-8 to the even neighbour 1 + 2^-6 (round to nearest even), worked by hand
    @Test
    void roundTripRoundsToEightBits() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = HostCopy.floats(m, new float[] {1.5f, -2f, 0.25f, 1f + 0x1p-10f, 1f + 3 * 0x1p-8f}, new Shape(5));
            NDArray low = Bf16.down(x, m);
            assertTrue(Bf16.is(low));
            assertFalse(Bf16.is(x));
            NDArray back = Bf16.up(low);
            assertEquals(DataType.FLOAT32, back.getDataType());
            assertArrayEquals(new float[] {1.5f, -2f, 0.25f, 1f, 1f + 0x1p-6f}, back.toFloatArray());
        }
    }

    // the gradient of a loss on a bf16 copy reaches the FP32 master as FP32: d/dw sum(w_bf16 * c) = c (exact here)
    @Test
    void gradientFlowsToTheMaster() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = HostCopy.floats(m, new float[] {0.1f, -0.7f, 3f}, new Shape(3));
            w.setRequiresGradient(true);
            NDArray c = HostCopy.floats(m, new float[] {2f, 0.5f, -1f}, new Shape(3));
            try (NDManager step = m.newSubManager();
                 GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = Bf16.up(Bf16.down(w, step).mul(Bf16.down(c, step))).sum();
                gc.backward(loss);
            }
            NDArray g = w.getGradient();
            assertEquals(DataType.FLOAT32, g.getDataType());
            assertArrayEquals(new float[] {2f, 0.5f, -1f}, g.toFloatArray());
        }
    }

    // weights and biases come as bf16 copies, made once per store; normalisation parameters and running statistics
    // stay the FP32 arrays themselves
    @Test
    void storeCastsWeightsAndBiasesOnly() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); NDManager step = m.newSubManager()) {
            Parameter weight = param("w", Parameter.Type.WEIGHT, m);
            Parameter bias = param("b", Parameter.Type.BIAS, m);
            Parameter gamma = param("g", Parameter.Type.GAMMA, m);
            Parameter mean = param("mean", Parameter.Type.RUNNING_MEAN, m);
            ParameterStore store = Bf16.store(step);
            NDArray w1 = store.getValue(weight, m.getDevice(), true);
            assertTrue(Bf16.is(w1));
            assertSame(w1, store.getValue(weight, m.getDevice(), true));
            assertTrue(Bf16.is(store.getValue(bias, m.getDevice(), true)));
            assertSame(gamma.getArray(), store.getValue(gamma, m.getDevice(), true));
            assertSame(mean.getArray(), store.getValue(mean, m.getDevice(), true));
        }
    }

    // a store given groups casts a group's weights and biases together when the first is asked for: the same values
    // as one at a time, each copy made once, the FP32 arrays of the group's other parameters untouched, and the
    // gradient of a copy reaching its FP32 master
    @Test
    void groupsAreCastTogether() {
        try (NDManager m = NDManager.newBaseManager("PyTorch"); NDManager step = m.newSubManager()) {
            Parameter weight = param("w", Parameter.Type.WEIGHT, m);
            Parameter bias = param("b", Parameter.Type.BIAS, m);
            Parameter gamma = param("g", Parameter.Type.GAMMA, m);
            Parameter other = param("o", Parameter.Type.WEIGHT, m);
            weight.getArray().setRequiresGradient(true);
            ParameterStore store = Bf16.store(step, List.of(List.of(weight, bias, gamma), List.of(other)));
            NDArray b;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                b = store.getValue(bias, m.getDevice(), true);
                NDArray w = store.getValue(weight, m.getDevice(), true);
                assertTrue(Bf16.is(w) && Bf16.is(b));
                assertSame(w, store.getValue(weight, m.getDevice(), true));
                assertSame(gamma.getArray(), store.getValue(gamma, m.getDevice(), true));
                assertArrayEquals(Bf16.up(Bf16.down(weight.getArray(), step)).toFloatArray(), Bf16.up(w).toFloatArray());
                gc.backward(Bf16.up(w).mul(HostCopy.floats(step, new float[] {3f, -1f}, new Shape(2))).sum());
            }
            assertArrayEquals(new float[] {3f, -1f}, weight.getArray().getGradient().toFloatArray());
            assertTrue(Bf16.is(store.getValue(other, m.getDevice(), true)));
        }
    }

    // a 0-d constant for a bf16 array does not abort the JVM (DJL cannot make bf16 itself) and keeps the type
    @Test
    void scalarsKeepBf16() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = Bf16.down(HostCopy.floats(m, new float[] {1f, 2f}, new Shape(2)), m);
            NDArray y = Scalars.times(x, 0.5);
            assertTrue(Bf16.is(y));
            assertArrayEquals(new float[] {0.5f, 1f}, Bf16.up(y).toFloatArray());
        }
    }

    private static Parameter param(String name, Parameter.Type type, NDManager m) {
        Parameter p = Parameter.builder().setName(name).setType(type).build();
        p.setArray(HostCopy.floats(m, new float[] {1f, 2f}, new Shape(2)));
        return p;
    }
}
