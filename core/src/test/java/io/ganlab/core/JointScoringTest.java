package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganlab.common.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's critic scores the real and fake batches of a critic step in one forward pass of both
 * ({@link CriticFunction#scoreJointly}) when the critic has no batch norm: the scores, the WGAN-GP critic loss and
 * its weight gradients are those of two passes (computed here independently, written out) up to rounding. A critic
 * with batch norm is scored in two passes, exactly as before.
 */
class JointScoringTest {
    private static final int B = 8;
    private static final Shape EXAMPLE = new Shape(1, 3, 5);      // (B, C, W) with B = 1
    private static final Shape BATCH = new Shape(B, 3, 5);
    private static final double LAMBDA = 10;                      // WGAN-GP's default λ

    @TempDir
    Path tmp;

    /**
     * (B, 3, 5) → Conv1d(6, k3, same) [→ batch norm] → tanh → flatten → Linear → (B, 1), recording the batch
     * size of every forward pass in {@code sizes}.
     */
    private static Block critic(List<Long> sizes, boolean batchNorm) {
        SequentialBlock b = new SequentialBlock()
                .add(new LambdaBlock(x -> {
                    sizes.add(x.head().getShape().get(0));
                    return x;
                }))
                .add(Conv1d.builder().setKernelShape(new Shape(3)).setFilters(6).optPadding(new Shape(1)).build());
        if (batchNorm) {
            b.add(BatchNorm.builder().optAxis(1).build());
        }
        return b.add(Activation::tanh).add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(1).build());
    }

    private Trainer trainer(NDManager m, GanModel gan, TrainingData data, String name) throws Exception {
        Schedule s = new Schedule(1, 0, 1, B, 1e-3f, 1e-3f, 0.5f, 0.9f, false, "adam", 3, 100, 100, 1);
        RunDirectory run = new RunDirectory(Files.createDirectories(tmp.resolve(name)));
        return new Trainer(gan, data, Objectives.create(ObjectiveConfig.defaults("wgan-gp")), s, run,
                Json.PRETTY.createObjectNode(), Evaluation.NONE, TrainingListener.NONE, m);
    }

    private Trainer trainer(NDManager m, Block critic, String name) throws Exception {
        GanNetworks gan = new GanNetworks(Linear.builder().setUnits(15).build(), critic, 2, EXAMPLE, m, 7);
        return trainer(m, gan, TrainerTest.points(), name);
    }

    /** A batch of N(mean, 1) values, shaped {@code shape}. */
    private static NDArray batch(NDManager m, Shape shape, long seed, double mean) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + r.nextGaussian());
        }
        return m.create(v, shape);
    }

    private static float[] scores(Block critic, NDManager m, NDArray x) {
        return critic.forward(new ParameterStore(m, false), new NDList(x), true).head().toFloatArray();
    }

    /** |got − want| ≤ tol · max(1, |want|), element by element. */
    private static void assertClose(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])),
                    what + "[" + i + "]: two passes " + want[i] + ", one pass " + got[i]);
        }
    }

    // a critic without batch norm: one forward pass of 2B examples, the scores of two passes of B
    @Test
    void onePassScoresAsTwoPasses() throws Exception {
        List<Long> sizes = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Block d = critic(sizes, false);
            Trainer t = trainer(m, d, "scores");
            assertFalse(BatchCoupled.within(d));
            NDArray real = batch(m, BATCH, 1, 0);
            NDArray fake = batch(m, BATCH, 2, 1);
            sizes.clear();
            NDArray[] joint = t.critic(new IdentityHashMap<>()).scoreJointly(real, fake);
            assertEquals(List.of(2L * B), sizes, "one forward pass of real and fake together");
            assertClose(scores(d, m, real), joint[0].toFloatArray(), 1e-6, "real");
            assertClose(scores(d, m, fake), joint[1].toFloatArray(), 1e-6, "fake");
        }
    }

    // The WGAN-GP critic loss with the trainer's critic (real and fake in one pass, the interpolates in another)
    // against the same loss written out with real and fake in two passes, on the same α: the loss and every weight
    // gradient agree to 1e-5 relative (the weight gradients are sums over 2B examples at once instead of B and B)
    @Test
    void wganGpLossAndWeightGradientsMatchTwoPasses() throws Exception {
        List<Long> sizes = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Block d = critic(sizes, false);
            Trainer t = trainer(m, d, "loss");
            Objective gp = Objectives.create(ObjectiveConfig.defaults("wgan-gp"));
            float oneLoss;
            double penalty;
            try (NDManager step = m.newSubManager()) {
                NDArray real = batch(step, BATCH, 3, 0);
                NDArray fake = batch(step, BATCH, 4, 0.5);
                sizes.clear();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    Loss l = gp.criticLoss(t.critic(new IdentityHashMap<>()), real, fake, new SplittableRandom(11));
                    oneLoss = l.value().getFloat();
                    penalty = l.term(Loss.PENALTY);
                    gc.backward(l.value());
                }
                assertEquals(List.of(2L * B, (long) B), sizes, "real and fake in one pass, then the interpolates");
            }
            Map<String, float[]> oneGrads = takeGradients(d);

            float twoLoss;
            try (NDManager step = m.newSubManager()) {
                NDArray real = batch(step, BATCH, 3, 0);
                NDArray fake = batch(step, BATCH, 4, 0.5);
                ParameterStore ps = new ParameterStore(step, false);
                sizes.clear();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray dReal = d.forward(ps, new NDList(real), true).head().reshape(B);
                    NDArray dFake = d.forward(ps, new NDList(fake), true).head().reshape(B);
                    NDArray alpha = Terms.alpha(real, new SplittableRandom(11), 0, 1);    // the objective's draw
                    NDArray xHat = real.add(fake.sub(real).mul(alpha));
                    xHat.setRequiresGradient(true);
                    NDArray dHat = d.forward(ps, new NDList(xHat), true).head().reshape(B);
                    NDArray norm = InputGradient.of(dHat, xHat).reshape(B, -1).norm(2, new int[] {1}, false);
                    NDArray gradPenalty = Scalars.times(norm.sub(1).square().mean(), LAMBDA);
                    NDArray loss = gradPenalty.sub(dReal.mean().sub(dFake.mean()));
                    twoLoss = loss.getFloat();
                    assertEquals(gradPenalty.getFloat(), penalty, 1e-5 * Math.abs(penalty));
                    gc.backward(loss);
                }
                assertEquals(List.of((long) B, (long) B, (long) B), sizes);
            }
            Map<String, float[]> twoGrads = takeGradients(d);

            assertTrue(penalty > 1e-3, "the penalty takes part: " + penalty);
            assertEquals(twoLoss, oneLoss, 1e-5 * Math.abs(twoLoss), "critic loss");
            assertEquals(twoGrads.keySet(), oneGrads.keySet());
            for (Map.Entry<String, float[]> e : twoGrads.entrySet()) {
                float[] want = e.getValue();
                float[] got = oneGrads.get(e.getKey());
                double scale = 0;
                for (float w : want) {
                    scale = Math.max(scale, Math.abs(w));
                }
                // the output bias cancels out of mean D(real) − mean D(fake) and the penalty: its gradient is 0
                boolean outputBias = e.getKey().endsWith("Linear_bias");
                assertTrue(outputBias || scale > 0, e.getKey() + ": a gradient of zeros tests nothing");
                for (int i = 0; i < want.length; i++) {
                    assertTrue(Math.abs(got[i] - want[i]) <= Math.max(1e-5 * scale, 1e-7), e.getKey() + "[" + i
                            + "]: two passes " + want[i] + ", one pass " + got[i] + " (largest " + scale + ")");
                }
            }
        }
    }

    // A critic with batch norm would normalise one joint batch with real and fake statistics together, another
    // function: the trainer scores it in two passes, the same arrays to the bit as separate forward passes
    @Test
    void criticWithBatchNormIsScoredInTwoPasses() throws Exception {
        List<Long> sizes = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            Block d = critic(sizes, true);
            Trainer t = trainer(m, d, "batch-norm");
            assertTrue(BatchCoupled.within(d));
            assertTrue(BatchCoupled.within(new SequentialBlock().add(new SequentialBlock().add(d))));
            NDArray real = batch(m, BATCH, 5, 0);
            NDArray fake = batch(m, BATCH, 6, 2);
            sizes.clear();
            NDArray[] s = t.critic(new IdentityHashMap<>()).scoreJointly(real, fake);
            assertEquals(List.of((long) B, (long) B), sizes, "two forward passes");
            float[] realScores = scores(d, m, real);
            assertArrayEquals(realScores, s[0].toFloatArray(), 0f);
            assertArrayEquals(scores(d, m, fake), s[1].toFloatArray(), 0f);
            // what one pass would have given
            float[] joint = scores(d, m, NDArrays.concat(new NDList(real, fake)));
            double most = 0;
            for (int i = 0; i < B; i++) {
                most = Math.max(most, Math.abs(joint[i] - realScores[i]));
            }
            assertTrue(most > 1e-3, "batch statistics of the joint batch change the scores: " + most);
        }
    }

    // A conditional critic's class logits of the joint pass are split between the real and the fake batch, as the
    // class losses look them up; they are those of separate passes
    @Test
    void conditionalCriticsLogitsAreSplit() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            GanNetworks gan = ConditionalTrainingTest.networks(m, new AuxiliaryClassifier(2, 1.0, 0.1));
            Trainer t = trainer(m, gan, ConditionalTrainingTest.twoClasses(), "conditional");
            NDArray real = batch(m, new Shape(B, 2), 7, 0);
            NDArray fake = batch(m, new Shape(B, 2), 8, 1);
            Map<NDArray, NDArray> logits = new IdentityHashMap<>();
            NDArray[] s = t.critic(logits).scoreJointly(real, fake);
            assertEquals(2, logits.size());
            ParameterStore ps = new ParameterStore(m, false);
            for (int k = 0; k < 2; k++) {
                NDArray x = k == 0 ? real : fake;
                NDList out = gan.critic().forward(ps, new NDList(x), true);
                assertClose(out.get(0).toFloatArray(), s[k].toFloatArray(), 1e-6, "scores " + k);
                assertEquals(new Shape(B, 2), logits.get(x).getShape());
                assertClose(out.get(1).toFloatArray(), logits.get(x).toFloatArray(), 1e-6, "logits " + k);
            }
        }
    }

    /** Each trainable weight's gradient, read and then zeroed. */
    static Map<String, float[]> takeGradients(Block b) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    out.put(p.getKey(), g.toFloatArray());
                }
                JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
            }
        }
        return out;
    }
}
