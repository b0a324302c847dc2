package io.ganlab.textgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.ganlab.core.CriticFunction;
import io.ganlab.core.Loss;
import io.ganlab.core.Objective;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import io.ganlab.core.PenaltyForward;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator and critic compute exactly the networks of the paper. */
class NetworksTest {
    private static final Architecture SMALL = new Architecture(6, 5, 3, 4, 2, GeneratorNorm.NONE);

    static Map<String, double[]> params(Block b) {
        Map<String, double[]> m = new HashMap<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            float[] f = p.getValue().getArray().toFloatArray();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            // DJL numbers child blocks ("03res2_01conv1_bias"); the test names them as the paper does
            m.put(p.getKey().replaceAll("(^|_)\\d{2}", "$1"), d);
        }
        return m;
    }

    /** Reference conv1d, cross-correlation with zero 'same' padding: x (C, T), w (O, C, K). */
    static double[][] conv(double[][] x, double[] w, double[] bias, int out, int k) {
        int c = x.length;
        int t = x[0].length;
        int pad = k / 2;
        double[][] y = new double[out][t];
        for (int o = 0; o < out; o++) {
            for (int p = 0; p < t; p++) {
                double s = bias[o];
                for (int i = 0; i < c; i++) {
                    for (int q = 0; q < k; q++) {
                        int src = p + q - pad;
                        if (src >= 0 && src < t) {
                            s += w[(o * c + i) * k + q] * x[i][src];
                        }
                    }
                }
                y[o][p] = s;
            }
        }
        return y;
    }

    static double[][] relu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] = Math.max(0, y[i][j]);
            }
        }
        return y;
    }

    private static double[][] residual(double[][] x, Map<String, double[]> p, String name, int dim) {
        double[][] h = conv(relu(x), p.get(name + "_conv1_weight"), p.get(name + "_conv1_bias"), dim, 5);
        h = conv(relu(h), p.get(name + "_conv2_weight"), p.get(name + "_conv2_bias"), dim, 5);
        double[][] y = new double[dim][];
        for (int i = 0; i < dim; i++) {
            y[i] = new double[x[i].length];
            for (int j = 0; j < y[i].length; j++) {
                y[i][j] = x[i][j] + 0.3 * h[i][j];
            }
        }
        return y;
    }

    // the critic's score equals a brute-force evaluation of conv1 → residual blocks → channel-major flatten → linear,
    // and the output weight's gradient of the summed scores is the summed channel-major hidden state (the layer is
    // applied to the position-major flattening with its weight reordered, so both orders must agree)
    @Test
    void criticMatchesBruteForce() {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(SMALL);
            critic.initialize(m, DataType.FLOAT32, new Shape(2, SMALL.seqLen(), SMALL.vocab()));
            SplittableRandom rnd = new SplittableRandom(3);
            float[] x = new float[2 * SMALL.seqLen() * SMALL.vocab()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextDouble();
            }
            NDArray in = m.create(x, new Shape(2, SMALL.seqLen(), SMALL.vocab()));
            float[] got;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray scores = critic.forward(new ParameterStore(m, false), new NDList(in), true).singletonOrThrow();
                got = scores.toFloatArray();
                gc.backward(scores.sum());
            }
            float[] outputGrad = critic.getParameters().stream()
                    .filter(q -> q.getKey().replaceAll("(^|_)\\d{2}", "$1").equals("output_weight")).findFirst()
                    .orElseThrow().getValue().getArray().getGradient().toFloatArray();
            double[] hiddenSum = new double[SMALL.dim() * SMALL.seqLen()];
            Map<String, double[]> p = params(critic);
            for (int b = 0; b < 2; b++) {
                double[][] xt = new double[SMALL.vocab()][SMALL.seqLen()];   // (V, T)
                for (int t = 0; t < SMALL.seqLen(); t++) {
                    for (int v = 0; v < SMALL.vocab(); v++) {
                        xt[v][t] = x[(b * SMALL.seqLen() + t) * SMALL.vocab() + v];
                    }
                }
                double[][] h = conv(xt, p.get("input_weight"), p.get("input_bias"), SMALL.dim(), 1);
                for (int r = 1; r <= SMALL.blocks(); r++) {
                    h = residual(h, p, "res" + r, SMALL.dim());
                }
                double s = p.get("output_bias")[0];
                double[] w = p.get("output_weight");
                for (int d = 0; d < SMALL.dim(); d++) {
                    for (int t = 0; t < SMALL.seqLen(); t++) {
                        s += w[d * SMALL.seqLen() + t] * h[d][t];           // channel-major flatten
                        hiddenSum[d * SMALL.seqLen() + t] += h[d][t];
                    }
                }
                assertEquals(s, got[b], 1e-4 * Math.max(1, Math.abs(s)), "example " + b);
            }
            for (int i = 0; i < hiddenSum.length; i++) {
                assertEquals(hiddenSum[i], outputGrad[i], 1e-4 * Math.max(1, Math.abs(hiddenSum[i])), "output weight " + i);
            }
        }
    }

    // the generator's rows are softmax probabilities and equal a brute-force evaluation of the paper's network
    @Test
    void generatorMatchesBruteForce() {
        Engine.getInstance().setRandomSeed(12);
        try (NDManager m = NDManager.newBaseManager()) {
            Generator g = new Generator(SMALL);
            g.initialize(m, DataType.FLOAT32, new Shape(1, SMALL.latent()));
            float[] z = {0.5f, -1.25f, 2f, 0.1f};
            float[] got = g.forward(new ParameterStore(m, false), new NDList(m.create(z, new Shape(1, 4))), false)
                    .singletonOrThrow().toFloatArray();
            Map<String, double[]> p = params(g);
            int d = SMALL.dim();
            int t = SMALL.seqLen();
            double[] w = p.get("input_weight");                              // (T·D, Z)
            double[][] h = new double[d][t];
            for (int o = 0; o < d * t; o++) {
                double s = p.get("input_bias")[o];
                for (int k = 0; k < z.length; k++) {
                    s += w[o * z.length + k] * z[k];
                }
                h[o / t][o % t] = s;                                          // reshape to (D, T)
            }
            for (int r = 1; r <= SMALL.blocks(); r++) {
                h = residual(h, p, "res" + r, d);
            }
            double[][] logits = conv(h, p.get("output_weight"), p.get("output_bias"), SMALL.vocab(), 1); // (V, T)
            for (int pos = 0; pos < t; pos++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < SMALL.vocab(); v++) {
                    max = Math.max(max, logits[v][pos]);
                }
                double sum = 0;
                for (int v = 0; v < SMALL.vocab(); v++) {
                    sum += Math.exp(logits[v][pos] - max);
                }
                double rowSum = 0;
                for (int v = 0; v < SMALL.vocab(); v++) {
                    double want = Math.exp(logits[v][pos] - max) / sum;
                    float have = got[pos * SMALL.vocab() + v];                 // (T, V) layout
                    assertEquals(want, have, 1e-5, "position " + pos + ", symbol " + v);
                    rowSum += have;
                }
                assertEquals(1.0, rowSum, 1e-5);
            }
        }
    }

    // initialisation as in the reference: convs uniform within sqrt(12/(fan_in+fan_out)) with kernel-width fans,
    // linears Glorot uniform, biases zero; the bounds are reached, not just respected
    @Test
    void initialisationBounds() {
        Engine.getInstance().setRandomSeed(13);
        Architecture a = new Architecture(32, 96, 64, 128, 5, GeneratorNorm.NONE);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic c = new Critic(a);
            c.initialize(m, DataType.FLOAT32, new Shape(1, 32, 96));
            Generator g = new Generator(a);
            g.initialize(m, DataType.FLOAT32, new Shape(1, 128));
            for (Block b : new Block[] {c, g}) {
                for (Pair<String, Parameter> p : b.getParameters()) {
                    NDArray v = p.getValue().getArray();
                    Shape s = v.getShape();
                    float maxAbs = v.abs().max().getFloat();
                    if (p.getKey().endsWith("bias")) {
                        assertEquals(0f, maxAbs, p.getKey());
                        continue;
                    }
                    double bound;
                    if (s.dimension() == 3) {
                        double fanIn = s.get(1) * s.get(2);
                        double fanOut = s.get(0) * s.get(2);
                        bound = Math.sqrt(3) * Math.sqrt(4 / (fanIn + fanOut));
                    } else {
                        bound = Math.sqrt(6.0 / (s.get(0) + s.get(1)));
                    }
                    assertTrue(maxAbs <= bound * (1 + 1e-6), p.getKey() + " max " + maxAbs + " > " + bound);
                    assertTrue(maxAbs >= bound * 0.9, p.getKey() + " max " + maxAbs + " far below " + bound);
                }
            }
        }
    }

    // parameters saved and loaded give the same scores
    @Test
    void saveLoadRoundTrip() throws Exception {
        Engine.getInstance().setRandomSeed(14);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic c = new Critic(SMALL);
            c.initialize(m, DataType.FLOAT32, new Shape(3, SMALL.seqLen(), SMALL.vocab()));
            NDArray x = m.randomUniform(0, 1, new Shape(3, SMALL.seqLen(), SMALL.vocab()));
            float[] before = c.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            c.saveParameters(new DataOutputStream(bytes));
            Engine.getInstance().setRandomSeed(99);
            Critic d = new Critic(SMALL);
            d.initialize(m, DataType.FLOAT32, new Shape(3, SMALL.seqLen(), SMALL.vocab()));
            d.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            float[] after = d.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            assertArrayEquals(before, after);
        }
    }

    // with either batch norm (FOGAN) the generator still emits (B, T, V) probability rows, in training and inference
    @Test
    void batchNormGenerator() {
        for (GeneratorNorm norm : new GeneratorNorm[] {GeneratorNorm.AUTHORS, GeneratorNorm.CHANNEL}) {
            Engine.getInstance().setRandomSeed(15);
            Architecture a = SMALL.withGeneratorNorm(norm);
            try (NDManager m = NDManager.newBaseManager()) {
                Generator g = new Generator(a);
                g.initialize(m, DataType.FLOAT32, new Shape(8, a.latent()));
                NDArray z = m.randomNormal(new Shape(8, a.latent()));
                for (boolean training : new boolean[] {true, false}) {
                    NDArray y = g.forward(new ParameterStore(m, false), new NDList(z), training).singletonOrThrow();
                    assertEquals(new Shape(8, a.seqLen(), a.vocab()), y.getShape());
                    float[] sums = y.sum(new int[] {2}).toFloatArray();
                    for (float s : sums) {
                        assertEquals(1f, s, 1e-5f, norm.label());
                    }
                }
            }
        }
    }

    // the critic's forward in a gradient penalty ({@link PenaltyForward}'s mark reaches the residual blocks' ReLUs)
    // gives the WGAN-GP loss and weight gradients of the plain forward to the bit
    @Test
    void penaltyForwardGivesTheSameLossAndGradients() {
        Architecture arch = new Architecture(8, 7, 16, 4, 2, GeneratorNorm.NONE);
        Shape in = new Shape(4, arch.seqLen(), arch.vocab());
        Engine.getInstance().setRandomSeed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(arch);
            critic.initialize(m, DataType.FLOAT32, in);
            ParameterStore ps = new ParameterStore(m, false);
            SplittableRandom rnd = new SplittableRandom(8);
            float[] r = new float[(int) in.size()];
            float[] f = new float[(int) in.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) rnd.nextDouble();
                f[i] = (float) rnd.nextDouble();
            }
            Objective gp = Objectives.create(ObjectiveConfig.defaults("wgan-gp"));
            float[][] results = new float[2][];
            Map<String, float[]> plainGrads = new HashMap<>();
            for (int marked = 0; marked < 2; marked++) {
                PairList<String, Object> mark = marked == 1 ? PenaltyForward.params() : null;
                CriticFunction d = new CriticFunction() {
                    @Override
                    public NDArray score(NDArray x) {
                        return critic.forward(ps, new NDList(x), true).singletonOrThrow();
                    }

                    @Override
                    public NDArray scoreForPenalty(NDArray x) {
                        return critic.forward(ps, new NDList(x), true, mark).singletonOrThrow();
                    }
                };
                try (NDManager step = m.newSubManager()) {
                    NDArray real = step.create(r, in);
                    NDArray fake = step.create(f, in);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        Loss l = gp.criticLoss(d, real, fake, new SplittableRandom(2));
                        results[marked] = new float[] {l.value().getFloat(), (float) l.term(Loss.PENALTY)};
                        gc.backward(l.value());
                    }
                }
                for (Pair<String, Parameter> p : critic.getParameters()) {
                    try (NDArray g = p.getValue().getArray().getGradient()) {
                        float[] grad = g.toFloatArray();
                        if (marked == 0) {
                            plainGrads.put(p.getKey(), grad);
                        } else {
                            assertArrayEquals(plainGrads.get(p.getKey()), grad, 0f, p.getKey());
                        }
                    }
                    JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
                }
            }
            assertArrayEquals(results[0], results[1], 0f);
            assertTrue(results[0][1] > 0, "the penalty is not zero, so its gradients took part");
        }
    }
}
