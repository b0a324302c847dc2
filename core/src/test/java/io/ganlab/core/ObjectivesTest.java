package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each objective on a linear critic D(x) = w·x over tiny float64 batches, against plain-double arithmetic. */
class ObjectivesTest {
    private static final Shape X = new Shape(3, 2, 2);   // B = 3 examples of 2 × 2
    private static final double[] REAL = {1, 0, 0, 1, 0, 1, 1, 0, 0.5, 0.5, 0, 1};
    private static final double[] FAKE = {0.2, 0.3, 0.1, 0.4, 0.9, 0.1, 0.6, 0.7, -0.3, 0.2, 0.8, 0.1};
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        m.close();
    }

    private NDArray weights(double... w) {
        NDArray a = m.create(w);
        a.setRequiresGradient(true);
        return a;
    }

    private static CriticFunction linear(NDArray w) {
        return x -> x.reshape(x.getShape().get(0), -1).matMul(w);          // (B)
    }

    private static double dot(double[] x, int b, double[] w) {
        double s = 0;
        for (int k = 0; k < w.length; k++) {
            s += x[b * w.length + k] * w[k];
        }
        return s;
    }

    private static double meanScore(double[] x, double[] w) {
        int n = x.length / w.length;
        double s = 0;
        for (int b = 0; b < n; b++) {
            s += dot(x, b, w);
        }
        return s / n;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private record Result(double value, double[] grad, Loss loss) {}

    private Result critic(Objective o, double[] w, double[] real, double[] fake, long seed) {
        NDArray wa = weights(w);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Loss l = o.criticLoss(linear(wa), m.create(real, X), m.create(fake, X), new SplittableRandom(seed));
            double v = l.value().getDouble();
            gc.backward(l.value());
            return new Result(v, wa.getGradient().toDoubleArray(), l);
        }
    }

    private Result generator(Objective o, double[] w, double[] real, double[] fake, long seed) {
        NDArray wa = weights(w);
        NDArray f = m.create(fake, X);
        f.setRequiresGradient(true);                 // stands in for the generator's graph
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Loss l = o.generatorLoss(linear(wa), real == null ? null : m.create(real, X), f, new SplittableRandom(seed));
            double v = l.value().getDouble();
            gc.backward(l.value());
            return new Result(v, f.getGradient().toDoubleArray(), l);
        }
    }

    /** WGAN-GP on a linear critic: penalty λ(‖w‖−1)², gradient on w mean(f) − mean(r) + 2λ(‖w‖−1)·w/‖w‖. */
    @Test
    void wganGpOnLinearCritic() {
        double[] w = {0.6, 0.8, 1.2, 0};
        double nw = norm(w);
        double lambda = 10;
        Result r = critic(Objectives.create(ObjectiveConfig.defaults("wgan-gp")), w, REAL, FAKE, 1);
        double penalty = lambda * (nw - 1) * (nw - 1);
        assertEquals(meanScore(FAKE, w) - meanScore(REAL, w) + penalty, r.value, 1e-12);
        for (int k = 0; k < w.length; k++) {
            double meanDiff = (FAKE[k] + FAKE[4 + k] + FAKE[8 + k] - REAL[k] - REAL[4 + k] - REAL[8 + k]) / 3;
            assertEquals(meanDiff + 2 * lambda * (nw - 1) * w[k] / nw, r.grad[k], 1e-12, "dL/dw" + k);
        }
        assertEquals(penalty, r.loss.term(Loss.PENALTY), 1e-12);
        assertEquals(nw, r.loss.term(Loss.GRAD_NORM), 1e-12);
        assertEquals(meanScore(REAL, w) - meanScore(FAKE, w), r.loss.term(Loss.WASSERSTEIN), 1e-12);
    }

    /** One-sided WGAN-GP: no penalty (and no penalty gradient) below norm 1, the two-sided one above. */
    @Test
    void oneSidedPenalisesOnlyNormsAboveOne() {
        Objective one = Objectives.create(ObjectiveConfig.defaults("wgan-gp").withOneSided(true));
        double[] small = {0.3, 0.4, 0, 0};                                    // ‖w‖ = 0.5
        Result r = critic(one, small, REAL, FAKE, 2);
        assertEquals(meanScore(FAKE, small) - meanScore(REAL, small), r.value, 1e-12);
        assertEquals(0, r.loss.term(Loss.PENALTY), 0);
        for (int k = 0; k < 4; k++) {
            double meanDiff = (FAKE[k] + FAKE[4 + k] + FAKE[8 + k] - REAL[k] - REAL[4 + k] - REAL[8 + k]) / 3;
            assertEquals(meanDiff, r.grad[k], 1e-12);
        }
        double[] big = {1.2, 0, 1.6, 0};                                      // ‖w‖ = 2
        Result two = critic(Objectives.create(ObjectiveConfig.defaults("wgan-gp")), big, REAL, FAKE, 2);
        Result oneBig = critic(one, big, REAL, FAKE, 2);
        assertEquals(10.0, oneBig.loss.term(Loss.PENALTY), 1e-12);
        assertEquals(two.value, oneBig.value, 1e-12);
        assertArrayEquals(two.grad, oneBig.grad, 1e-12);
    }

    /** WGAN-GP generator loss: −mean D(fake), gradient −w/B per example; wasserstein logged when real is given. */
    @Test
    void wganGpGenerator() {
        double[] w = {0.5, -1, 2, 0.25};
        Result r = generator(Objectives.create(ObjectiveConfig.defaults("wgan-gp")), w, REAL, FAKE, 3);
        assertEquals(-meanScore(FAKE, w), r.value, 1e-12);
        for (int i = 0; i < FAKE.length; i++) {
            assertEquals(-w[i % 4] / 3, r.grad[i], 1e-12);
        }
        assertEquals(meanScore(REAL, w) - meanScore(FAKE, w), r.loss.term(Loss.WASSERSTEIN), 1e-12);
        Result noReal = generator(Objectives.create(ObjectiveConfig.defaults("wgan-gp")), w, null, FAKE, 3);
        assertTrue(Double.isNaN(noReal.loss.term(Loss.WASSERSTEIN)));
    }

    /** τ_j of FOGAN, brute force over the batch with plain doubles. */
    private static double[] tau(double[] real, double[] xt, double[] dReal, double[] dX, int n) {
        int b = dReal.length;
        double[] t = new double[b];
        for (int j = 0; j < b; j++) {
            double[] v = new double[n];
            double invR = 0;
            for (int i = 0; i < b; i++) {
                double[] d = new double[n];
                for (int k = 0; k < n; k++) {
                    d[k] = real[i * n + k] - xt[j * n + k];
                }
                double r = norm(d) + 1e-6;
                invR += 1 / r;
                for (int k = 0; k < n; k++) {
                    v[k] += d[k] * (dReal[i] - dX[j]) / (r * r * r) / b;
                }
            }
            t[j] = norm(v) / (invR / b);
        }
        return t;
    }

    /** FOGAN's target slope τ equals the brute-force double loop, in one piece and in chunks. */
    @Test
    void foganTargetSlopeMatchesBruteForce() {
        int b = 5;
        int n = 7;
        SplittableRandom r = new SplittableRandom(17);
        double[] real = r.doubles(b * n, -1, 1).toArray();
        double[] xt = r.doubles(b * n, -1, 1).toArray();
        xt[0] = real[0] + 1e-3;                       // a close pair, where r⁻³ dominates
        double[] dReal = r.doubles(b, -2, 2).toArray();
        double[] dX = r.doubles(b, -2, 2).toArray();
        double[] expected = tau(real, xt, dReal, dX, n);
        for (long chunk : new long[] {1L << 20, 2 * b * n, 1}) {
            NDArray got = FoGan.targetSlope(m.create(real, new Shape(b, n)), m.create(xt, new Shape(b, n)),
                    m.create(dReal), m.create(dX), chunk);
            assertArrayEquals(expected, got.toDoubleArray(), 1e-9 * Math.abs(expected[0]) + 1e-12, "chunk " + chunk);
        }
    }

    /** FOGAN critic loss on a linear critic, every term recomputed in doubles (α drawn from the same seed). */
    @Test
    void foganCriticOnLinearCritic() {
        double[] w = {0.7, -0.2, 0.4, 1.1};
        double[] fake = FAKE.clone();
        System.arraycopy(REAL, 8, fake, 8, 4);         // example 2: fake = real, distance 0, Lipschitz term cut
        long seed = 4;
        SplittableRandom a = new SplittableRandom(seed);
        int b = 3;
        int n = 4;
        double[] xt = new double[12];
        for (int j = 0; j < b; j++) {
            double alpha = a.nextDouble(0.99, 1);
            for (int k = 0; k < n; k++) {
                xt[j * n + k] = REAL[j * n + k] + alpha * (fake[j * n + k] - REAL[j * n + k]);
            }
        }
        double[] dReal = new double[b];
        double[] dX = new double[b];
        double lip = 0;
        for (int j = 0; j < b; j++) {
            dReal[j] = dot(REAL, j, w);
            dX[j] = dot(xt, j, w);
            double[] d = new double[n];
            for (int k = 0; k < n; k++) {
                d[k] = REAL[j * n + k] - xt[j * n + k];
            }
            double dist = norm(d);
            lip += dist < 1e-8 ? 0 : (dReal[j] - dX[j]) * (dReal[j] - dX[j]) / dist;
        }
        lip /= b;
        double[] t = tau(REAL, xt, dReal, dX, n);
        double grad = 0;
        for (int j = 0; j < b; j++) {
            grad += (norm(w) - t[j]) * (norm(w) - t[j]) / b;
        }
        double expected = (dX[0] + dX[1] + dX[2]) / 3 - (dReal[0] + dReal[1] + dReal[2]) / 3 + 0.1 * lip + grad;
        Result r = critic(Objectives.create(ObjectiveConfig.defaults("fogan")), w, REAL, fake, seed);
        assertFalse(Double.isNaN(r.value));
        assertEquals(expected, r.value, 1e-9);
        assertEquals(0.1 * lip + grad, r.loss.term(Loss.PENALTY), 1e-9);
        assertEquals(norm(w), r.loss.term(Loss.GRAD_NORM), 1e-12);
        for (double g : r.grad) {
            assertFalse(Double.isNaN(g));
        }
    }

    /** FOGAN generator loss: −mean D(x̃) with x̃ = real + α(fake − real); gradient on fake α_j·(−w)/B. */
    @Test
    void foganGenerator() {
        double[] w = {0.7, -0.2, 0.4, 1.1};
        Objective f = Objectives.create(ObjectiveConfig.defaults("fogan"));
        assertTrue(f.generatorNeedsReal());
        SplittableRandom a = new SplittableRandom(8);
        double[] alpha = {a.nextDouble(0.99, 1), a.nextDouble(0.99, 1), a.nextDouble(0.99, 1)};
        double mean = 0;
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 4; k++) {
                mean += (REAL[j * 4 + k] + alpha[j] * (FAKE[j * 4 + k] - REAL[j * 4 + k])) * w[k] / 3;
            }
        }
        Result r = generator(f, w, REAL, FAKE, 8);
        assertEquals(-mean, r.value, 1e-12);
        for (int i = 0; i < 12; i++) {
            assertEquals(-alpha[i / 4] * w[i % 4] / 3, r.grad[i], 1e-12);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> generator(f, w, null, FAKE, 8));
        assertTrue(e.getMessage().contains("real batch"), e.getMessage());
    }

    /** Non-saturating GAN in softplus form, finite for scores of ±60 where a naive log(sigmoid) underflows. */
    @Test
    void standardGan() {
        double[] w = {30, 30, 0, 0};                  // real scores 30, 30, 15; fake scores 15, 30, -3
        Objective g = Objectives.create(ObjectiveConfig.defaults("gan"));
        Result c = critic(g, w, REAL, FAKE, 5);
        double expected = 0;
        for (int j = 0; j < 3; j++) {
            expected += (softplus(-dot(REAL, j, w)) + softplus(dot(FAKE, j, w))) / 3;
        }
        assertEquals(expected, c.value, 1e-12);
        assertEquals(0, c.loss.term(Loss.PENALTY), 0);
        double[] big = {60, -60, 0, 0};
        Result gen = generator(g, big, REAL, FAKE, 5);
        double ge = 0;
        for (int j = 0; j < 3; j++) {
            ge += softplus(-dot(FAKE, j, big)) / 3;
        }
        assertEquals(ge, gen.value, 1e-12);
        for (double d : gen.grad) {
            assertFalse(Double.isNaN(d));
        }
    }

    /** LSGAN: ½ mean (D(real) − 1)² + ½ mean D(fake)² for the critic, ½ mean (D(fake) − 1)² for the generator. */
    @Test
    void leastSquaresGan() {
        double[] w = {0.5, -1, 2, 0.25};
        Objective l = Objectives.create(ObjectiveConfig.defaults("lsgan"));
        double expected = 0;
        double gen = 0;
        for (int j = 0; j < 3; j++) {
            double r = dot(REAL, j, w);
            double f = dot(FAKE, j, w);
            expected += 0.5 * ((r - 1) * (r - 1) + f * f) / 3;
            gen += 0.5 * (f - 1) * (f - 1) / 3;
        }
        assertEquals(expected, critic(l, w, REAL, FAKE, 6).value, 1e-12);
        Result g = generator(l, w, REAL, FAKE, 6);
        assertEquals(gen, g.value, 1e-12);
        for (int i = 0; i < 12; i++) {
            double f = dot(FAKE, i / 4, w);
            assertEquals((f - 1) * w[i % 4] / 3, g.grad[i], 1e-12);
        }
    }

    /** WGAN with clipping: plain Wasserstein loss; afterCriticStep clips every weight to [−c, c] in place. */
    @Test
    void wganClip() {
        double[] w = {0.5, -1, 2, 0.25};
        Objective o = Objectives.create(ObjectiveConfig.defaults("wgan-clip"));
        assertEquals(meanScore(FAKE, w) - meanScore(REAL, w), critic(o, w, REAL, FAKE, 7).value, 1e-12);
        NDArray a = m.create(new float[] {-0.5f, 0.005f, 0.02f, -0.01f});
        a.setRequiresGradient(true);
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(a).build();
        o.afterCriticStep(List.of(p));
        assertSame(a, p.getArray());
        assertArrayEquals(new float[] {-0.01f, 0.005f, 0.01f, -0.01f}, a.toFloatArray());
        assertTrue(a.hasGradient(), "still a trainable leaf");
    }

    /** An unknown objective name is rejected with the list of known ones. */
    @Test
    void unknownObjective() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ObjectiveConfig.defaults("wgan-xx"));
        assertTrue(e.getMessage().contains("wgan-xx") && e.getMessage().contains("fogan"), e.getMessage());
    }

    /** Scores of shape (B, 1) are accepted; anything that is not one score per example is an error. */
    @Test
    void criticShapeChecked() {
        NDArray w = weights(1, 1, 1, 1);
        Objective o = Objectives.create(ObjectiveConfig.defaults("lsgan"));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            CriticFunction col = x -> linear(w).score(x).reshape(-1, 1);
            assertEquals(DataType.FLOAT64, o.criticLoss(col, m.create(REAL, X), m.create(FAKE, X),
                    new SplittableRandom(1)).value().getDataType());
            CriticFunction wrong = x -> x.reshape(3, -1);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> o.criticLoss(wrong, m.create(REAL, X), m.create(FAKE, X), new SplittableRandom(1)));
            assertTrue(e.getMessage().contains("one score per example"), e.getMessage());
        }
    }
}
