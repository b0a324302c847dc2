package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OptimizersTest {
    private static final double[][] GRADS = {{0.5, -1.0, 2.0}, {0.1, 0.3, -2.0}, {-0.4, 0.0, 1.0}};
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        m.close();
    }

    private Parameter param(String name, double... w) {
        NDArray a = m.create(w);
        a.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(a).build();
    }

    /** Makes the gradient of p exactly g: backward of sum(w ⊙ g). */
    private void setGradient(Parameter p, double[] g) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(p.getArray().mul(m.create(g)).sum());
        }
    }

    private static double[] values(Parameter p) {
        return p.getArray().toDoubleArray();
    }

    /** Adam for three steps equals PyTorch's formula with bias correction, computed by hand in doubles. */
    @Test
    void adamMatchesHandComputedUpdates() {
        double b1 = 0.5;
        double b2 = 0.9;
        double eps = 1e-8;
        double lr = 1e-2;
        double[] w = {1.0, -0.5, 0.25};
        double[] mo = new double[3];
        double[] v = new double[3];
        Parameter p = param("w", w);
        try (Adam adam = new Adam((float) b1, (float) b2, (float) eps)) {
            for (int t = 1; t <= 3; t++) {
                double[] g = GRADS[t - 1];
                setGradient(p, g);
                adam.step(List.of(p), (float) lr);
                for (int k = 0; k < 3; k++) {
                    mo[k] = b1 * mo[k] + (1 - b1) * g[k];
                    v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
                    double denom = Math.sqrt(v[k]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
                    w[k] -= lr / (1 - Math.pow(b1, t)) * mo[k] / denom;
                }
                assertArrayEquals(w, values(p), 1e-8, "step " + t);
                try (NDArray g0 = p.getArray().getGradient()) {
                    assertArrayEquals(new double[3], g0.toDoubleArray(), 0, "gradient zeroed after the step");
                }
            }
            assertEquals(3, adam.steps());
        }
    }

    /** RMSProp for three steps equals v ← ρv + (1−ρ)g², w ← w − lr·g/(√v + ε), by hand. */
    @Test
    void rmsPropMatchesHandComputedUpdates() {
        double rho = 0.99;
        double eps = 1e-8;
        double lr = 5e-3;
        double[] w = {1.0, -0.5, 0.25};
        double[] v = new double[3];
        Parameter p = param("w", w);
        try (RmsProp rms = new RmsProp((float) rho, (float) eps)) {
            for (int t = 1; t <= 3; t++) {
                double[] g = GRADS[t - 1];
                setGradient(p, g);
                rms.step(List.of(p), (float) lr);
                for (int k = 0; k < 3; k++) {
                    v[k] = rho * v[k] + (1 - rho) * g[k] * g[k];
                    w[k] -= lr * g[k] / (Math.sqrt(v[k]) + eps);
                }
                assertArrayEquals(w, values(p), 1e-7, "step " + t);
            }
        }
    }

    private static byte[] save(Optimizer o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            o.save(out);
        }
        return b.toByteArray();
    }

    /** Saving after two steps and loading into a fresh optimizer gives bit-identical next steps. */
    @Test
    void saveLoadRoundTripGivesIdenticalNextSteps() throws IOException {
        for (boolean adam : new boolean[] {true, false}) {
            Parameter a = param("a", 1, 2, 3);
            Parameter b = param("b", 0.5);
            Optimizer first = adam ? new Adam(0.5f, 0.9f, 1e-8f) : new RmsProp(0.99f, 1e-8f);
            for (int t = 0; t < 2; t++) {
                setGradient(a, GRADS[t]);
                setGradient(b, new double[] {GRADS[t][0]});
                first.step(List.of(a, b), 1e-2f);
            }
            byte[] state = save(first);
            Parameter a2 = param("a", values(a));
            Parameter b2 = param("b", values(b));
            Optimizer second = adam ? new Adam(0.5f, 0.9f, 1e-8f) : new RmsProp(0.99f, 1e-8f);
            second.load(new DataInputStream(new ByteArrayInputStream(state)), List.of(a2, b2));
            for (int t = 2; t < 3; t++) {
                for (var pair : List.of(List.of(a, b, first), List.of(a2, b2, second))) {
                    setGradient((Parameter) pair.get(0), GRADS[t]);
                    setGradient((Parameter) pair.get(1), new double[] {GRADS[t][1]});
                    ((Optimizer) pair.get(2)).step(List.of((Parameter) pair.get(0), (Parameter) pair.get(1)), 1e-2f);
                }
                assertArrayEquals(values(a), values(a2), 0, (adam ? "adam" : "rmsprop") + " step " + t);
                assertArrayEquals(values(b), values(b2), 0);
            }
            first.close();
            second.close();
        }
    }

    /** State saved for other parameters is refused with a message naming the mismatch. */
    @Test
    void loadRejectsMismatchedState() throws IOException {
        Parameter a = param("a", 1, 2, 3);
        byte[] state;
        try (Adam adam = new Adam(0.5f, 0.9f, 1e-8f)) {
            setGradient(a, GRADS[0]);
            adam.step(List.of(a), 1e-3f);
            state = save(adam);
        }
        try (Adam other = new Adam(0.5f, 0.9f, 1e-8f); RmsProp rms = new RmsProp(0.99f, 1e-8f)) {
            IOException shape = assertThrows(IOException.class,
                    () -> other.load(new DataInputStream(new ByteArrayInputStream(state)), List.of(param("a", 1, 2))));
            assertTrue(shape.getMessage().contains("does not match") && shape.getMessage().contains("(3)"),
                    shape.getMessage());
            IOException count = assertThrows(IOException.class, () -> other.load(
                    new DataInputStream(new ByteArrayInputStream(state)), List.of(a, param("b", 1))));
            assertTrue(count.getMessage().contains("1 parameters"), count.getMessage());
            IOException kind = assertThrows(IOException.class,
                    () -> rms.load(new DataInputStream(new ByteArrayInputStream(state)), List.of(a)));
            assertTrue(kind.getMessage().contains("adam"), kind.getMessage());
        }
    }

    /** Parameters that do not require gradient (running statistics) are left alone. */
    @Test
    void frozenParametersAreSkipped() {
        Parameter a = param("a", 1, 2, 3);
        Parameter stats = Parameter.builder().setName("running_mean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).optArray(m.create(new double[] {7, 8})).build();
        try (Adam adam = new Adam(0.5f, 0.9f, 1e-8f)) {
            setGradient(a, GRADS[0]);
            adam.step(List.of(a, stats), 1e-2f);
        }
        assertArrayEquals(new double[] {7, 8}, values(stats), 0);
    }

    /** No native handles pile up in the parameters' manager over many steps. */
    @Test
    void noHandlesPileUp() {
        NDManager pm = m.newSubManager();
        NDArray w = pm.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
        w.setRequiresGradient(true);
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(w).build();
        try (Adam adam = new Adam(0.5f, 0.9f, 1e-8f); RmsProp rms = new RmsProp(0.9f, 1e-8f)) {
            int before = -1;
            for (int t = 0; t < 50; t++) {
                try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray c = step.create(new float[] {1, -1, 0.5f, 2}, new Shape(2, 2));
                    gc.backward(c.mul(w).sum());
                }
                (t % 2 == 0 ? adam : rms).step(List.of(p), 1e-3f);
                if (t == 1) {
                    before = ((BaseNDManager) pm).getManagedArrays().size();
                }
            }
            assertEquals(before, ((BaseNDManager) pm).getManagedArrays().size());
        }
        pm.close();
    }
}
