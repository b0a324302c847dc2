package io.ganlab.textgan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganlab.core.InputGradient;
import io.ganlab.core.PenaltyForward;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResidualBlockTest {
    /** Garbage collection plus reuse of freed direct memory, between the forward and the penalty's backward. */
    private static void churn(NDManager m) throws InterruptedException {
        System.gc();
        Thread.sleep(2);
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            b.putDouble(0, 555);
            keep.add(b);
            m.create(555.0);
        }
    }

    /**
     * The input gradient through a residual block equals finite differences even when the garbage collector runs
     * between forward and backward (DJL's mul(Number) for the 0.3 scale read freed memory there), with libtorch's
     * ReLU and with the gradient penalty's ({@link PenaltyForward}).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void inputGradientSurvivesGarbageCollection(boolean penalty) throws InterruptedException {
        PairList<String, Object> mark = penalty ? PenaltyForward.params() : null;
        Shape in = new Shape(2, 3, 6);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResidualBlock block = new ResidualBlock(3, null);
            block.initialize(m, DataType.FLOAT64, in);
            ParameterStore ps = new ParameterStore(m, false);
            double[] x0 = new SplittableRandom(5).doubles(in.size(), -1, 1).toArray();
            for (int trial = 0; trial < 3; trial++) {
                double[] got;
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = s.create(x0, in);
                    x.setRequiresGradient(true);
                    NDArray out = block.forward(ps, new NDList(x), true, mark).singletonOrThrow();
                    NDArray score = out.square().sum(new int[] {1, 2});               // (B)
                    churn(s);
                    got = InputGradient.of(score, x).toDoubleArray();
                }
                double h = 1e-6;
                for (int k = 0; k < x0.length; k++) {
                    int b = k / 18;
                    double[] p = x0.clone();
                    double[] q = x0.clone();
                    p[k] += h;
                    q[k] -= h;
                    double fp = block.forward(ps, new NDList(m.create(p, in)), false).singletonOrThrow()
                            .square().sum(new int[] {1, 2}).toDoubleArray()[b];
                    double fq = block.forward(ps, new NDList(m.create(q, in)), false).singletonOrThrow()
                            .square().sum(new int[] {1, 2}).toDoubleArray()[b];
                    assertEquals((fp - fq) / (2 * h), got[k], 1e-6, "trial " + trial + ", element " + k);
                }
            }
        }
    }
}
