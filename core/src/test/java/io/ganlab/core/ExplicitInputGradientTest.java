package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganlab.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer takes a gradient penalty's input gradient from a critic that writes it out
 * ({@link ExplicitInputGradient}) unless the schedule asks for autograd: the penalties' losses and the critic's weight
 * gradients are autograd's up to rounding, in FP32 and (to bf16's precision) in bf16.
 */
class ExplicitInputGradientTest {
    private static final int B = 8;
    private static final int HIDDEN = 16;

    @TempDir
    Path tmp;

    /** {@code D(x) = v · relu(W x + c) + b} on 2-D points, whose input gradient is {@code Wᵀ (v ⊙ relu'(W x + c))}. */
    static final class ReluCritic extends AbstractBlock implements ExplicitInputGradient {
        final Linear hidden = addChildBlock("hidden", Linear.builder().setUnits(HIDDEN).build());
        final Linear out = addChildBlock("out", Linear.builder().setUnits(1).build());
        int explicitCalls;

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray h = hidden.forward(ps, in, training).singletonOrThrow();
            return out.forward(ps, new NDList(Activation.relu(h)), training);
        }

        // written out by hand, independently of the network's forward: the mask without graph, then W and v
        @Override
        public NDArray inputGradient(ParameterStore ps, NDArray x, boolean training) {
            explicitCalls++;
            NDArray mask = Terms.withoutGraph(() ->
                    PenaltyForward.reluDerivative(hidden.forward(ps, new NDList(x), training).singletonOrThrow()));
            NDArray w = ps.getValue(hidden.getParameters().get("weight"), x.getDevice(), training);   // (H, 2)
            NDArray v = ps.getValue(out.getParameters().get("weight"), x.getDevice(), training);      // (1, H)
            return mask.mul(v).matMul(w);                                                               // (B, 2)
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            hidden.initialize(manager, dataType, inputShapes);
            out.initialize(manager, dataType, new Shape(inputShapes[0].get(0), HIDDEN));
        }
    }

    private Trainer trainer(NDManager m, ReluCritic critic, String objective, String precision, String method)
            throws Exception {
        Schedule s = new Schedule(1, 0, 1, B, 1e-3f, 1e-3f, 0.5f, 0.9f, false, "adam", 3, 100, 100, 1, null,
                precision, method);
        GanNetworks gan = new GanNetworks(Linear.builder().setUnits(2).build(), critic, 2, new Shape(1, 2), m, 7);
        Path dir = Files.createDirectories(tmp.resolve(objective + "-" + precision + "-" + method));
        return new Trainer(gan, TrainerTest.points(), Objectives.create(ObjectiveConfig.defaults(objective)), s,
                new RunDirectory(dir), Json.PRETTY.createObjectNode(), Evaluation.NONE, TrainingListener.NONE, m);
    }

    /**
     * One critic loss at fixed batches and α, with the critic function {@code d} makes for a step's manager: its
     * value and penalty in {@code valuePenalty}, and the weight gradients it leaves (read, then zeroed).
     */
    private static Map<String, float[]> criticLoss(java.util.function.Function<NDManager, CriticFunction> d,
                                                   Block critic, String objective, float[] valuePenalty) {
        Objective o = Objectives.create(ObjectiveConfig.defaults(objective));
        try (NDManager step = critic.getParameters().get(0).getValue().getArray().getManager().newSubManager()) {
            NDArray real = TrainerTest.points().batch(step, 1, B);
            NDArray fake = TrainerTest.points().batch(step, 2, B).mul(0.5f);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Loss l = o.criticLoss(d.apply(step), real, fake, new SplittableRandom(11));
                valuePenalty[0] = l.value().getFloat();
                valuePenalty[1] = (float) l.term(Loss.PENALTY);
                gc.backward(l.value());
            }
        }
        return JointScoringTest.takeGradients(critic);   // every weight of the critic trains
    }

    // WGAN-GP and FOGAN: the trainer's critic calls the critic's own input gradient by default and not with
    // "autograd"; loss, penalty and every weight gradient agree to 1e-5 of the largest
    @Test
    void penaltiesMatchAutogradAndTheSwitchIsHonoured() throws Exception {
        for (String objective : new String[] {"wgan-gp", "fogan"}) {
            float[][] vp = new float[2][2];
            Map<String, Map<String, float[]>> grads = new HashMap<>();
            String[] methods = {"explicit", "autograd"};
            for (int k = 0; k < 2; k++) {
                try (NDManager m = NDManager.newBaseManager()) {
                    ReluCritic d = new ReluCritic();
                    Trainer t = trainer(m, d, objective, "fp32", methods[k]);
                    grads.put(methods[k], criticLoss(step -> t.critic(new IdentityHashMap<>()), d, objective, vp[k]));
                    assertEquals(k == 0 ? 1 : 0, d.explicitCalls, objective + " " + methods[k] + ": explicit calls");
                }
            }
            assertTrue(vp[1][1] > 1e-3, objective + ": the penalty takes part (" + vp[1][1] + ")");
            assertEquals(vp[1][0], vp[0][0], 1e-5 * Math.max(1, Math.abs(vp[1][0])), objective + " loss");
            assertEquals(vp[1][1], vp[0][1], 1e-5 * Math.max(1, Math.abs(vp[1][1])), objective + " penalty");
            assertSameGradients(grads.get("autograd"), grads.get("explicit"), 1e-5, objective);
        }
    }

    // bf16 steps: the critic's own gradient is computed on the step's bf16 weights and returned FP32; loss and weight
    // gradients stay within bf16's precision (2⁻⁸ relative per rounding; 3% of the largest allowed) of FP32 autograd
    @Test
    void bf16StepsUseItWithinBf16Precision() throws Exception {
        float[][] vp = new float[2][2];
        java.util.List<Map<String, float[]>> grads = new java.util.ArrayList<>();
        for (Precision precision : new Precision[] {Precision.FP32, Precision.BF16}) {
            InputGradient.Method method = precision == Precision.FP32 ? InputGradient.Method.AUTOGRAD
                    : InputGradient.Method.EXPLICIT;
            try (NDManager m = NDManager.newBaseManager()) {
                ReluCritic d = new ReluCritic();
                GanNetworks gan = new GanNetworks(Linear.builder().setUnits(2).build(), d, 2, new Shape(1, 2), m, 7);
                NetworkPasses passes = new NetworkPasses(gan, new ParameterStore(m, false), precision, method);
                grads.add(criticLoss(step -> passes.critic(new IdentityHashMap<>(), passes.forStep(step)), d,
                        "wgan-gp", vp[grads.size()]));
                assertEquals(method == InputGradient.Method.EXPLICIT ? 1 : 0, d.explicitCalls, precision + " calls");
            }
        }
        assertTrue(vp[0][1] > 1e-3, "the penalty takes part (" + vp[0][1] + ")");
        assertEquals(vp[0][0], vp[1][0], 0.03 * Math.max(1, Math.abs(vp[0][0])), "loss");
        assertEquals(vp[0][1], vp[1][1], 0.03 * Math.max(1, Math.abs(vp[0][1])), "penalty");
        assertSameGradients(grads.get(0), grads.get(1), 0.03, "bf16");
    }

    private static void assertSameGradients(Map<String, float[]> want, Map<String, float[]> got, double tol,
                                            String what) {
        assertEquals(want.keySet(), got.keySet());
        for (Map.Entry<String, float[]> e : want.entrySet()) {
            float[] w = e.getValue();
            float[] g = got.get(e.getKey());
            double scale = 0;
            for (float x : w) {
                scale = Math.max(scale, Math.abs(x));
            }
            // the output bias cancels out of the Wasserstein term and the penalty: its gradient is 0
            assertTrue(e.getKey().endsWith("out_bias") || scale > 0, e.getKey() + ": zeros test nothing");
            for (int i = 0; i < w.length; i++) {
                assertTrue(Math.abs(g[i] - w[i]) <= Math.max(tol * scale, 1e-7), what + " " + e.getKey() + "["
                        + i + "]: autograd " + w[i] + ", explicit " + g[i] + " (largest " + scale + ")");
            }
        }
    }
}
