package io.ganlab.textgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganlab.core.Bf16;
import io.ganlab.core.CriticFunction;
import io.ganlab.core.InputGradient;
import io.ganlab.core.Loss;
import io.ganlab.core.Objective;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The language critic's written-out input gradient ({@link Critic#inputGradient}) is its input gradient: against
 * central differences of the scores in FP64, against autograd's in FP32 (and the penalties' losses and weight
 * gradients with it), and in bf16 as close to FP32 as autograd's bf16 gradient is.
 */
class CriticInputGradientTest {
    private static final Architecture ARCH = new Architecture(8, 7, 16, 4, 2, GeneratorNorm.NONE);
    private static final Shape IN = new Shape(4, ARCH.seqLen(), ARCH.vocab());

    private static float[] uniform(long n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble();
        }
        return v;
    }

    /**
     * Autograd's {@code d(sum of scores)/dx} (FP32) of the critic with the weights of {@code ps} at a copy of
     * {@code x}; with {@code bf16}, the critic sees the copy cast to bf16 (a bf16 store's pass).
     */
    private static float[] autogradInputGradient(Critic critic, ParameterStore ps, NDArray x, boolean bf16) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray xg = x.duplicate();
            xg.setRequiresGradient(true);
            NDArray in = bf16 ? Bf16.down(xg, x.getManager()) : xg;
            NDArray s = critic.forward(ps, new NDList(in), true).singletonOrThrow();
            return InputGradient.of(bf16 ? Bf16.up(s) : s, xg).toFloatArray();
        }
    }

    /** max |g|: 0 for a gradient of zeros. */
    private static double largest(float[] g) {
        double m = 0;
        for (float v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** max |got − want| / max |want|. */
    private static double relativeError(float[] want, float[] got) {
        assertEquals(want.length, got.length);
        double scale = 0;
        double err = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            err = Math.max(err, Math.abs(got[i] - want[i]));
        }
        assertTrue(scale > 0, "a gradient of zeros tests nothing");
        return err / scale;
    }

    // FP64 weights and input: every entry of dD/dx equals the central difference (D(x + h e) − D(x − h e)) / 2h of
    // the critic's own forward pass, h = 1e-6, to 1e-6 of the largest entry (ReLU kinks are not crossed at that h)
    @Test
    void equalsCentralDifferencesInFp64() {
        Architecture small = new Architecture(4, 5, 16, 4, 1, GeneratorNorm.NONE);
        Shape in = new Shape(2, small.seqLen(), small.vocab());
        Engine.getInstance().setRandomSeed(21);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(small);
            critic.initialize(m, DataType.FLOAT64, in);
            ParameterStore ps = new ParameterStore(m, false);
            float[] xf = uniform(in.size(), 4);
            double[] x = new double[xf.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = xf[i] - 0.5;
            }
            double[] got = critic.inputGradient(ps, m.create(x, in), false).toDoubleArray();
            double h = 1e-6;
            double scale = 0;
            double[] want = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += h;
                down[i] -= h;
                double[] su = critic.forward(ps, new NDList(m.create(up, in)), false).singletonOrThrow().toDoubleArray();
                double[] sd = critic.forward(ps, new NDList(m.create(down, in)), false).singletonOrThrow()
                        .toDoubleArray();
                int example = (int) (i / (in.size() / in.get(0)));
                want[i] = (su[example] - sd[example]) / (2 * h);
                scale = Math.max(scale, Math.abs(want[i]));
            }
            assertTrue(scale > 0);
            for (int i = 0; i < x.length; i++) {
                assertEquals(want[i], got[i], 1e-6 * scale, "entry " + i);
            }
        }
    }

    // FP32: the input gradient equals autograd's of the summed scores to 1e-5 of the largest entry
    @Test
    void equalsAutogradsInputGradient() {
        Engine.getInstance().setRandomSeed(22);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(ARCH);
            critic.initialize(m, DataType.FLOAT32, IN);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(uniform(IN.size(), 5), IN);
            float[] autograd = autogradInputGradient(critic, ps, x, false);
            NDArray explicit = critic.inputGradient(ps, x, true);
            assertEquals(IN, explicit.getShape());
            assertTrue(relativeError(autograd, explicit.toFloatArray()) <= 1e-5);
        }
    }

    // WGAN-GP and FOGAN critic losses with the written-out gradient against autograd's (the same critic function
    // otherwise): loss, penalty and every weight gradient to 1e-5 of the largest
    @Test
    void penaltiesGiveAutogradsLossAndWeightGradients() {
        for (String objective : new String[] {"wgan-gp", "fogan"}) {
            Engine.getInstance().setRandomSeed(23);
            try (NDManager m = NDManager.newBaseManager()) {
                Critic critic = new Critic(ARCH);
                critic.initialize(m, DataType.FLOAT32, IN);
                ParameterStore ps = new ParameterStore(m, false);
                float[][] vp = new float[2][2];
                Map<String, float[]>[] grads = new Map[2];
                for (int k = 0; k < 2; k++) {
                    boolean explicit = k == 1;
                    CriticFunction d = new CriticFunction() {
                        @Override
                        public NDArray score(NDArray x) {
                            return critic.forward(ps, new NDList(x), true).singletonOrThrow();
                        }

                        @Override
                        public PenaltyPoint penaltyPoint(NDArray x, boolean scored) {
                            if (!explicit) {
                                return CriticFunction.super.penaltyPoint(x, scored);
                            }
                            return new PenaltyPoint(critic.inputGradient(ps, x, true), scored ? score(x) : null);
                        }
                    };
                    grads[k] = lossAndGradients(critic, d, objective, m, vp[k]);
                }
                assertTrue(vp[0][1] > 1e-3, objective + ": the penalty takes part (" + vp[0][1] + ")");
                assertEquals(vp[0][0], vp[1][0], 1e-5 * Math.max(1, Math.abs(vp[0][0])), objective + " loss");
                assertEquals(vp[0][1], vp[1][1], 1e-5 * Math.max(1, Math.abs(vp[0][1])), objective + " penalty");
                for (String name : grads[0].keySet()) {
                    // biases that add the same to every score cancel out of the Wasserstein term and the penalty
                    if (name.endsWith("output_bias") || name.endsWith("res" + ARCH.blocks() + "_02conv2_bias")) {
                        assertEquals(0, largest(grads[1].get(name)), objective + " " + name);
                        continue;
                    }
                    assertTrue(relativeError(grads[0].get(name), grads[1].get(name)) <= 1e-5, objective + " " + name);
                }
            }
        }
    }

    private static Map<String, float[]> lossAndGradients(Critic critic, CriticFunction d, String objective,
                                                         NDManager m, float[] valuePenalty) {
        Objective o = Objectives.create(ObjectiveConfig.defaults(objective));
        try (NDManager step = m.newSubManager()) {
            NDArray real = step.create(uniform(IN.size(), 6), IN);
            NDArray fake = step.create(uniform(IN.size(), 7), IN);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Loss l = o.criticLoss(d, real, fake, new SplittableRandom(2));
                valuePenalty[0] = l.value().getFloat();
                valuePenalty[1] = (float) l.term(Loss.PENALTY);
                gc.backward(l.value());
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : critic.getParameters()) {
            try (NDArray g = p.getValue().getArray().getGradient()) {
                out.put(p.getKey(), g.toFloatArray());
            }
            JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
        }
        return out;
    }

    // bf16 weights and input (a bf16 step's): the written-out gradient, returned FP32, is no further from the FP32
    // gradient than autograd's bf16 gradient is, to 1.5 times that plus 0.5% of the largest entry (a wrong gradient
    // is off by its own size; here both land at about 5%, bf16's 2⁻⁸ compounded through the layers)
    @Test
    void bf16GradientIsAsCloseToFp32AsAutogradsBf16() {
        Engine.getInstance().setRandomSeed(24);
        try (NDManager m = NDManager.newBaseManager()) {
            Critic critic = new Critic(ARCH);
            critic.initialize(m, DataType.FLOAT32, IN);
            float[] reference;
            float[] autogradBf16;
            float[] explicitBf16;
            try (NDManager step = m.newSubManager()) {
                NDArray x = step.create(uniform(IN.size(), 8), IN);
                ParameterStore fp32 = new ParameterStore(step, false);
                ParameterStore bf16 = Bf16.store(step);
                reference = autogradInputGradient(critic, fp32, x, false);
                autogradBf16 = autogradInputGradient(critic, bf16, x, true);
                NDArray e = Bf16.up(critic.inputGradient(bf16, Bf16.down(x, step), true));
                assertEquals(IN, e.getShape());
                explicitBf16 = e.toFloatArray();
            }
            double autogradErr = relativeError(reference, autogradBf16);
            double explicitErr = relativeError(reference, explicitBf16);
            assertTrue(autogradErr > 0, "bf16 rounds");
            assertTrue(explicitErr <= 1.5 * autogradErr + 0.005,
                    "explicit bf16 " + explicitErr + ", autograd bf16 " + autogradErr);
        }
    }
}
