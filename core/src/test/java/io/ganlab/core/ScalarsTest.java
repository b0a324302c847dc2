package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    /**
     * Collects garbage and reuses freed direct memory with the value 555, as a long training run would. With DJL's
     * {@code mul(Number)} this made the backward pass below read 0.6·555 = 333 or garbage in every trial.
     */
    static void churn(NDManager m) throws InterruptedException {
        System.gc();
        Thread.sleep(2);
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            b.putFloat(0, 555f);
            keep.add(b);
            m.create(555f);
        }
    }

    /** d/dx Σ(c·x)² = 2c²x survives garbage collection between forward and (double) backward. */
    @Test
    void constantSurvivesGarbageCollection() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int trial = 0; trial < 30; trial++) {
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = s.ones(new Shape(4, 8));
                    x.setRequiresGradient(true);
                    NDArray y = Scalars.times(x, 0.3);
                    churn(s);
                    NDArray g = InputGradient.of(y.square().sum(new int[] {1}), x);   // 2·0.09·x
                    churn(s);
                    gc.backward(g.sum());                                             // d/dx Σ 0.18x = 0.18
                    for (float v : g.toFloatArray()) {
                        assertEquals(0.18f, v, 1e-6, "input gradient, trial " + trial);
                    }
                    for (float v : x.getGradient().toFloatArray()) {
                        assertEquals(0.18f, v, 1e-6, "second-order gradient, trial " + trial);
                    }
                }
            }
        }
    }

    /** The constant takes the type of x: float64 keeps the double value. */
    @Test
    void constantHasTheTypeOfX() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new double[] {1, 2});
            assertEquals(0.1 * 2, Scalars.times(x, 0.1).toDoubleArray()[1], 0);
        }
    }
}
