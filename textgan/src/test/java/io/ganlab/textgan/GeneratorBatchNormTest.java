package io.ganlab.textgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganlab.core.Adam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The FOGAN authors' generator batch norm ({@link GeneratorNorm#AUTHORS}) against brute-force loops written from
 * their code: TensorFlow's batch norm on the last axis (per sequence position over batch and channels inside the
 * residual blocks, per feature over the batch before them), biased variance, ε 1e-5, no scale, no shift, moving
 * averages with decay 0.9, and at sampling batch statistics in the first two and moving averages in the rest.
 */
class GeneratorBatchNormTest {
    private static final double EPS = 1e-5;
    /** Width 16: libtorch's CPU convolutions give NaN gradients at widths that are not multiples of 16. */
    private static final Architecture ARCH = new Architecture(6, 5, 16, 4, 2, GeneratorNorm.AUTHORS);

    private static float[] uniform(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * (2 * r.nextDouble() - 1));
        }
        return v;
    }

    /** Per sequence position t of x (B, D, T): mean and biased variance over batch and channels. */
    private static double[][] positionMoments(double[][][] x) {
        int t = x[0][0].length;
        double[][] mv = new double[2][t];
        for (int p = 0; p < t; p++) {
            double s = 0;
            int n = 0;
            for (double[][] example : x) {
                for (double[] channel : example) {
                    s += channel[p];
                    n++;
                }
            }
            double mean = s / n;
            double ss = 0;
            for (double[][] example : x) {
                for (double[] channel : example) {
                    ss += (channel[p] - mean) * (channel[p] - mean);
                }
            }
            mv[0][p] = mean;
            mv[1][p] = ss / n;
        }
        return mv;
    }

    /**
     * The batch norm of one residual-block convolution: batch moments when training (and the moving averages
     * {@code m ← 0.9 m + 0.1 batch} updated), the moving averages when sampling.
     */
    private static double[][][] positionNorm(double[][][] x, double[][] moving, boolean training) {
        double[][] use = moving;
        if (training) {
            double[][] mv = positionMoments(x);
            for (int k = 0; k < 2; k++) {
                for (int p = 0; p < mv[k].length; p++) {
                    moving[k][p] = 0.9 * moving[k][p] + 0.1 * mv[k][p];
                }
            }
            use = mv;
        }
        double[][][] y = new double[x.length][x[0].length][x[0][0].length];
        for (int b = 0; b < x.length; b++) {
            for (int d = 0; d < x[0].length; d++) {
                for (int p = 0; p < x[0][0].length; p++) {
                    y[b][d][p] = (x[b][d][p] - use[0][p]) / Math.sqrt(use[1][p] + EPS);
                }
            }
        }
        return y;
    }

    /** Per column of x (B, F): normalised with the batch's mean and biased variance (training and sampling alike). */
    private static double[][] featureNorm(double[][] x) {
        double[][] y = new double[x.length][x[0].length];
        for (int f = 0; f < x[0].length; f++) {
            double s = 0;
            for (double[] row : x) {
                s += row[f];
            }
            double mean = s / x.length;
            double ss = 0;
            for (double[] row : x) {
                ss += (row[f] - mean) * (row[f] - mean);
            }
            for (int b = 0; b < x.length; b++) {
                y[b][f] = (x[b][f] - mean) / Math.sqrt(ss / x.length + EPS);
            }
        }
        return y;
    }

    /** Moving averages per batch-norm name, as TensorFlow initialises them (mean 0, variance 1). */
    private static Map<String, double[][]> freshMoving(Architecture a) {
        Map<String, double[][]> m = new HashMap<>();
        for (int r = 1; r <= a.blocks(); r++) {
            for (String bn : List.of("_bn1", "_bn2")) {
                double[][] mv = new double[2][a.seqLen()];
                java.util.Arrays.fill(mv[1], 1);
                m.put("res" + r + bn, mv);
            }
        }
        return m;
    }

    /** The authors' generator on a batch z (B, Z), brute force; returns (B, T, V) probabilities. */
    private static double[][][] bruteForce(Map<String, double[]> p, float[] zFlat, Architecture a,
                                           Map<String, double[][]> moving, boolean training) {
        int bsz = zFlat.length / a.latent();
        int d = a.dim();
        int t = a.seqLen();
        double[][] z = new double[bsz][a.latent()];
        for (int b = 0; b < bsz; b++) {
            for (int k = 0; k < a.latent(); k++) {
                z[b][k] = zFlat[b * a.latent() + k];
            }
        }
        z = featureNorm(z);                                                    // g_bn0, batch statistics always
        double[] w = p.get("input_weight");                                   // (T·D, Z)
        double[][] lin = new double[bsz][d * t];
        for (int b = 0; b < bsz; b++) {
            for (int o = 0; o < d * t; o++) {
                double s = p.get("input_bias")[o];
                for (int k = 0; k < a.latent(); k++) {
                    s += w[o * a.latent() + k] * z[b][k];
                }
                lin[b][o] = s;
            }
        }
        lin = featureNorm(lin);                                                // g_bn1, batch statistics always
        double[][][] h = new double[bsz][d][t];
        for (int b = 0; b < bsz; b++) {
            for (int o = 0; o < d * t; o++) {
                h[b][o / t][o % t] = lin[b][o];                               // reshape to (D, T)
            }
        }
        for (int r = 1; r <= a.blocks(); r++) {
            String name = "res" + r;
            double[][][] u = new double[bsz][][];
            for (int b = 0; b < bsz; b++) {
                u[b] = NetworksTest.conv(NetworksTest.relu(h[b]), p.get(name + "_conv1_weight"),
                        p.get(name + "_conv1_bias"), d, 5);
            }
            u = positionNorm(u, moving.get(name + "_bn1"), training);
            for (int b = 0; b < bsz; b++) {
                u[b] = NetworksTest.conv(NetworksTest.relu(u[b]), p.get(name + "_conv2_weight"),
                        p.get(name + "_conv2_bias"), d, 5);
            }
            u = positionNorm(u, moving.get(name + "_bn2"), training);
            for (int b = 0; b < bsz; b++) {
                for (int c = 0; c < d; c++) {
                    for (int q = 0; q < t; q++) {
                        h[b][c][q] += 0.3 * u[b][c][q];
                    }
                }
            }
        }
        double[][][] out = new double[bsz][t][a.vocab()];
        for (int b = 0; b < bsz; b++) {
            double[][] logits = NetworksTest.conv(h[b], p.get("output_weight"), p.get("output_bias"), a.vocab(), 1);
            for (int q = 0; q < t; q++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < a.vocab(); v++) {
                    max = Math.max(max, logits[v][q]);
                }
                double sum = 0;
                for (int v = 0; v < a.vocab(); v++) {
                    sum += Math.exp(logits[v][q] - max);
                }
                for (int v = 0; v < a.vocab(); v++) {
                    out[b][q][v] = Math.exp(logits[v][q] - max) / sum;
                }
            }
        }
        return out;
    }

    private static void assertClose(double[][][] want, float[] got, String what) {
        int i = 0;
        for (double[][] example : want) {
            for (double[] row : example) {
                for (double v : row) {
                    assertEquals(v, got[i], 2e-5, what + " at " + i);
                    i++;
                }
            }
        }
        assertEquals(got.length, i, what + ": size");
    }

    private static void assertMoving(Map<String, double[][]> want, Map<String, double[]> params, String when) {
        for (Map.Entry<String, double[][]> e : want.entrySet()) {
            double[] mean = params.get(e.getKey() + "_movingMean");
            double[] var = params.get(e.getKey() + "_movingVar");
            for (int q = 0; q < mean.length; q++) {
                assertEquals(e.getValue()[0][q], mean[q], 1e-5, when + ": " + e.getKey() + " moving mean " + q);
                assertEquals(e.getValue()[1][q], var[q], 1e-5 * Math.max(1, e.getValue()[1][q]),
                        when + ": " + e.getKey() + " moving variance " + q);
            }
        }
    }

    private static List<String> trainable(Block b) {
        List<String> out = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                // without DJL's child numbers, which the extra batch-norm children shift
                out.add(p.getKey().replaceAll("(^|_)\\d{2}", "$1") + p.getValue().getArray().getShape());
            }
        }
        return out;
    }

    // One layer on (B, D, T): statistics per position over batch and channels, biased, ε 1e-5, no scale or shift;
    // moving averages 0.9·m + 0.1·batch from (0, 1) after each training forward, used at inference.
    @Test
    void perPositionStatisticsMatchBruteForce() {
        SplittableRandom r = new SplittableRandom(21);
        Shape s = new Shape(3, 4, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            LastAxisBatchNorm bn = new LastAxisBatchNorm(true);
            bn.initialize(m, DataType.FLOAT32, s);
            ParameterStore ps = new ParameterStore(m, false);
            double[][] moving = {new double[5], {1, 1, 1, 1, 1}};
            for (int step = 0; step < 3; step++) {
                boolean training = step < 2;
                // the batches differ in location and spread, so that the moving averages move
                float[] x = uniform(r, (int) s.size(), 1 + 2 * step);
                for (int i = 0; i < x.length; i++) {
                    x[i] += (float) (step - 1 + 0.1 * (i % 5));
                }
                double[][][] xb = new double[3][4][5];
                for (int i = 0; i < x.length; i++) {
                    xb[i / 20][(i / 5) % 4][i % 5] = x[i];
                }
                float[] got = bn.forward(ps, new NDList(m.create(x, s)), training).singletonOrThrow().toFloatArray();
                double[][][] want = positionNorm(xb, moving, training);
                int i = 0;
                for (double[][] e : want) {
                    for (double[] c : e) {
                        for (double v : c) {
                            assertEquals(v, got[i], 1e-5 * Math.max(1, Math.abs(v)), "step " + step + ", element " + i);
                            i++;
                        }
                    }
                }
                float[] mean = bn.getParameters().get("movingMean").getArray().toFloatArray();
                float[] var = bn.getParameters().get("movingVar").getArray().toFloatArray();
                for (int q = 0; q < 5; q++) {
                    assertEquals(moving[0][q], mean[q], 1e-5, "moving mean " + q + " after step " + step);
                    assertEquals(moving[1][q], var[q], 1e-5 * Math.max(1, moving[1][q]), "moving var " + q);
                }
            }
            assertTrue(bn.getParameters().stream().noneMatch(p -> p.getValue().requiresGradient()),
                    "nothing in the authors' batch norm is trained");
        }
    }

    // The layers before the residual blocks have no state at all and normalise with the batch's own statistics,
    // per feature over the batch, in training and at sampling alike.
    @Test
    void batchStatisticsLayerIgnoresTheMode() {
        SplittableRandom r = new SplittableRandom(22);
        Shape s = new Shape(4, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            LastAxisBatchNorm bn = new LastAxisBatchNorm(false);
            bn.initialize(m, DataType.FLOAT32, s);
            assertTrue(bn.getParameters().isEmpty());
            float[] x = uniform(r, 24, 3);
            double[][] xb = new double[4][6];
            for (int i = 0; i < 24; i++) {
                xb[i / 6][i % 6] = x[i] + i % 6;
            }
            double[][] want = featureNorm(xb);
            for (boolean training : new boolean[] {true, false}) {
                float[] xs = new float[24];
                for (int i = 0; i < 24; i++) {
                    xs[i] = (float) xb[i / 6][i % 6];
                }
                float[] got = bn.forward(new ParameterStore(m, false), new NDList(m.create(xs, s)), training)
                        .singletonOrThrow().toFloatArray();
                for (int i = 0; i < 24; i++) {
                    assertEquals(want[i / 6][i % 6], got[i], 1e-5, "training " + training + ", element " + i);
                }
            }
        }
    }

    // The whole generator with the authors' batch norm, after an optimiser step and two more training forwards,
    // equals the brute force in training and at sampling (batch statistics in bn_z and bn_input, moving averages
    // in the blocks); its trainable parameters are exactly those of the generator without batch norm, so no scale
    // or shift exists to be trained, and the optimiser leaves the moving averages to the forward passes.
    @Test
    void authorsGeneratorMatchesBruteForce() {
        Engine.getInstance().setRandomSeed(23);
        SplittableRandom r = new SplittableRandom(24);
        int batch = 4;
        Shape zs = new Shape(batch, ARCH.latent());
        try (NDManager m = NDManager.newBaseManager()) {
            Generator g = new Generator(ARCH);
            g.initialize(m, DataType.FLOAT32, new Shape(1, ARCH.latent()));
            Generator plain = new Generator(ARCH.withGeneratorNorm(GeneratorNorm.NONE));
            plain.initialize(m, DataType.FLOAT32, new Shape(1, ARCH.latent()));
            assertEquals(trainable(plain), trainable(g));
            for (Pair<String, Parameter> p : g.getParameters()) {
                Parameter.Type type = p.getValue().getType();
                assertNotEquals(Parameter.Type.GAMMA, type, p.getKey());
                assertNotEquals(Parameter.Type.BETA, type, p.getKey());
            }

            ParameterStore ps = new ParameterStore(m, false);
            Map<String, double[][]> moving = freshMoving(ARCH);
            // 1. an optimiser step on a loss of the generator's output (its forward updates the moving averages)
            float[] z0 = uniform(r, (int) zs.size(), 2);
            float[] lossWeights = uniform(r, batch * ARCH.seqLen() * ARCH.vocab(), 1);
            bruteForce(NetworksTest.params(g), z0, ARCH, moving, true);
            List<Parameter> params = new ArrayList<>();
            g.getParameters().forEach(p -> params.add(p.getValue()));
            Map<String, double[]> before = NetworksTest.params(g);
            try (NDManager step = m.newSubManager(); Adam adam = new Adam(0.5f, 0.9f, 1e-8f)) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray y = g.forward(ps, new NDList(step.create(z0, zs)), true).singletonOrThrow();
                    NDArray w = step.create(lossWeights, y.getShape());
                    gc.backward(y.mul(w).sum());
                }
                adam.step(params, 1e-2f);
            }
            Map<String, double[]> after = NetworksTest.params(g);
            assertFalse(java.util.Arrays.equals(before.get("res1_conv1_weight"), after.get("res1_conv1_weight")),
                    "the step moved the weights");
            assertMoving(moving, after, "after the optimiser step");

            // 2. two training forwards, each compared and each moving the averages
            for (int k = 0; k < 2; k++) {
                float[] z = uniform(r, (int) zs.size(), 1.5 + k);
                float[] got = g.forward(ps, new NDList(m.create(z, zs)), true).singletonOrThrow().toFloatArray();
                assertClose(bruteForce(after, z, ARCH, moving, true), got, "training forward " + k);
                assertMoving(moving, NetworksTest.params(g), "after training forward " + k);
            }
            // 3. sampling: batch statistics before the blocks, moving averages in them, which stay as they were
            float[] z = uniform(r, (int) zs.size(), 1);
            float[] got = g.forward(ps, new NDList(m.create(z, zs)), false).singletonOrThrow().toFloatArray();
            assertClose(bruteForce(after, z, ARCH, moving, false), got, "sampling");
            assertMoving(moving, NetworksTest.params(g), "after sampling");
            // sampling depends on the batch, as in the authors' code: the first two examples alone come out otherwise
            float[] half = java.util.Arrays.copyOf(z, 2 * ARCH.latent());
            float[] alone = g.forward(ps, new NDList(m.create(half, new Shape(2, ARCH.latent()))), false)
                    .singletonOrThrow().toFloatArray();
            assertClose(bruteForce(after, half, ARCH, moving, false), alone, "sampling two");
            assertFalse(java.util.Arrays.equals(alone, java.util.Arrays.copyOf(got, alone.length)));
        }
    }

    // Training steps and sampling with the authors' batch norm leave no array behind in the model's manager
    // (DJL puts the result of an operation in the manager of its first input, which must never be a parameter).
    @Test
    void noArraysLeftInTheModelManager() {
        Engine.getInstance().setRandomSeed(25);
        try (NDManager m = NDManager.newBaseManager("PyTorch"); Adam adam = new Adam(0.5f, 0.9f, 1e-8f)) {
            Generator g = new Generator(ARCH);
            g.initialize(m, DataType.FLOAT32, new Shape(1, ARCH.latent()));
            ParameterStore ps = new ParameterStore(m, false);
            List<Parameter> params = new ArrayList<>();
            g.getParameters().forEach(p -> {
                if (p.getValue().requiresGradient()) {
                    params.add(p.getValue());
                }
            });
            int arrays = -1;
            for (int t = 0; t < 40; t++) {
                try (NDManager step = m.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = g.forward(ps, new NDList(step.randomNormal(new Shape(8, ARCH.latent()))), true)
                                .singletonOrThrow();
                        gc.backward(y.square().sum());
                    }
                    adam.step(params, 1e-3f);
                    g.forward(ps, new NDList(step.randomNormal(new Shape(8, ARCH.latent()))), false);
                }
                if (t == 0) {
                    arrays = ((BaseNDManager) m).getManagedArrays().size();    // after the optimiser's state exists
                }
            }
            assertEquals(arrays, ((BaseNDManager) m).getManagedArrays().size());
        }
    }
}
