package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InputGradientTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        m.close();
    }

    private static double[] randoms(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    /** The input gradient of a conv + linear critic equals central finite differences of the critic, float64. */
    @Test
    void inputGradientMatchesFiniteDifferences() {
        Shape in = new Shape(3, 2, 5);
        SmallCritic c = new SmallCritic(m, DataType.FLOAT64, 4, in, 11);
        double[] x0 = randoms((int) in.size(), 3);
        double[] got;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(x0, in);
            x.setRequiresGradient(true);
            got = InputGradient.of(c.function().score(x), x).toDoubleArray();
        }
        double h = 1e-6;
        for (int k = 0; k < x0.length; k++) {
            int b = k / 10;
            double[] p = x0.clone();
            double[] q = x0.clone();
            p[k] += h;
            q[k] -= h;
            double fp = c.function().score(m.create(p, in)).toDoubleArray()[b];
            double fq = c.function().score(m.create(q, in)).toDoubleArray()[b];
            assertEquals((fp - fq) / (2 * h), got[k], 1e-8, "element " + k);
        }
    }

    /** The whole WGAN-GP critic loss differentiated through the penalty matches finite differences on the weights. */
    @Test
    void penaltyWeightGradientMatchesFiniteDifferences() {
        Shape in = new Shape(4, 2, 5);
        SmallCritic c = new SmallCritic(m, DataType.FLOAT64, 3, in, 5);
        NDArray real = m.create(randoms((int) in.size(), 21), in);
        NDArray fake = m.create(randoms((int) in.size(), 22), in);
        Objective gp = Objectives.create(ObjectiveConfig.defaults("wgan-gp"));
        java.util.List<double[]> grads = new java.util.ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(gp.criticLoss(c.function(), real, fake, new SplittableRandom(9)).value());
        }
        for (var p : c.params) {
            try (NDArray g = p.getArray().getGradient()) {
                grads.add(g.toDoubleArray());
            }
        }
        double h = 1e-6;
        int checked = 0;
        for (int i = 0; i < c.params.size(); i++) {
            NDArray w = c.params.get(i).getArray();
            double[] w0 = SmallCritic.values(w);
            for (int k = 0; k < w0.length; k++) {
                double[] p = w0.clone();
                p[k] += h;
                SmallCritic.setValues(w, p);
                double fp = loss(gp, c, real, fake);
                p[k] -= 2 * h;
                SmallCritic.setValues(w, p);
                double fq = loss(gp, c, real, fake);
                SmallCritic.setValues(w, w0);
                double fd = (fp - fq) / (2 * h);
                assertEquals(fd, grads.get(i)[k], 1e-6 * Math.max(1, Math.abs(fd)),
                        "parameter " + c.params.get(i).getName() + "[" + k + "]");
                checked++;
            }
        }
        assertEquals(3 * 2 * 3 + 3 + 15 + 1, checked);
    }

    private static double loss(Objective o, SmallCritic c, NDArray real, NDArray fake) {
        // same α as the analytic run: same seed
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            return o.criticLoss(c.function(), real, fake, new SplittableRandom(9)).value().getDouble();
        }
    }

    /** Inputs that do not require gradient are a usage error with a message saying what to do. */
    @Test
    void inputsWithoutGradientAreRejected() {
        NDArray x = m.ones(new Shape(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputGradient.of(x.sum(new int[] {1}), x));
        assertTrue(e.getMessage().contains("setRequiresGradient"), e.getMessage());
        x.setRequiresGradient(true);
        IllegalStateException noGraph = assertThrows(IllegalStateException.class,
                () -> InputGradient.of(m.ones(new Shape(2)), x));
        assertTrue(noGraph.getMessage().contains("GradientCollector"), noGraph.getMessage());
    }

    /** The input gradient writes nothing into the parameters' .grad. */
    @Test
    void noGradPollution() {
        Shape in = new Shape(3, 2, 5);
        SmallCritic c = new SmallCritic(m, DataType.FLOAT32, 4, in, 1);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = m.create(new float[(int) in.size()], in).add(0.5f);
            x.setRequiresGradient(true);
            NDArray g = InputGradient.of(c.function().score(x), x);
            assertTrue(g.abs().sum().getFloat() > 0, "input gradient is not zero");
        }
        for (var p : c.params) {
            try (NDArray g = p.getArray().getGradient()) {
                assertArrayEquals(new float[(int) g.getShape().size()], g.toFloatArray(), p.getName());
            }
        }
    }
}
