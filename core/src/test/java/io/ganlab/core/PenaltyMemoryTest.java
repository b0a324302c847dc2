package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole WGAN-GP critic steps (forward, penalty, backward, Adam) leave no arrays and no native memory behind. */
class PenaltyMemoryTest {
    private static final Shape IN = new Shape(8, 16, 64);
    private static final long LIMIT = 40L << 20;

    private static void step(NDManager parent, SmallCritic c, Objective gp, Adam adam, Rng rng, long t, List<NDManager> keep) {
        NDManager step = parent.newSubManager();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            var real = Rng.normal(step, rng.stream(t, RandomStream.TRAINING_DRAWS), IN);
            var fake = Rng.normal(step, rng.stream(t, RandomStream.GENERATOR_STEP), IN);
            Loss l = gp.criticLoss(c.function(), real, fake, rng.stream(t, RandomStream.EVALUATION_NOISE));
            gc.backward(l.value());
        }
        adam.step(c.params, 1e-4f);
        if (keep == null) {
            step.close();
        } else {
            keep.add(step);                       // the control: a step whose arrays are never freed
        }
    }

    private static long settledRss() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ResidentMemory.bytes();
    }

    @Test
    void flatMemoryOverManySteps() {
        assertTrue(ResidentMemory.bytes() > 0, "needs /proc/self/status");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SmallCritic c = new SmallCritic(m, DataType.FLOAT32, 32, IN, 3);
            Objective gp = Objectives.create(ObjectiveConfig.defaults("wgan-gp"));
            Rng rng = new Rng(1);
            try (Adam adam = new Adam(0.5f, 0.9f, 1e-8f)) {
                // the allocator's pools, oneDNN's kernel cache and the JVM's own heap sizing settle during the
                // first few hundred steps (20-50 MB with AVX-512 kernels); a leak grows in every window, so the
                // second window of 200 steps is the one that must stay flat
                for (int t = 0; t < 60; t++) {
                    step(m, c, gp, adam, rng, t, null);
                }
                int arrays = ((BaseNDManager) m).getManagedArrays().size();
                long rss0 = settledRss();
                for (int t = 60; t < 260; t++) {
                    step(m, c, gp, adam, rng, t, null);
                }
                long rssWarm = settledRss();
                for (int t = 260; t < 460; t++) {
                    step(m, c, gp, adam, rng, t, null);
                }
                long warmup = rssWarm - rss0;
                long grown = settledRss() - rssWarm;
                // no leaked NDArrays: the step's arrays all went with its sub-manager, no gradient handles remain
                assertEquals(arrays, ((BaseNDManager) m).getManagedArrays().size());

                // control: the same measurement over 100 steps whose arrays are kept alive
                List<NDManager> kept = new ArrayList<>();
                long rss1 = settledRss();
                for (int t = 460; t < 560; t++) {
                    step(m, c, gp, adam, rng, t, kept);
                }
                long keptGrowth = settledRss() - rss1;
                kept.forEach(NDManager::close);
                System.err.printf("penalty steps: RSS %+d MB over the first 200 steps, %+d MB over the next 200;"
                        + " control %+d MB over 100 kept steps%n", warmup >> 20, grown >> 20, keptGrowth >> 20);
                assertTrue(grown < LIMIT, "RSS grew by " + (grown >> 20) + " MB over 200 penalty steps after "
                        + (warmup >> 20) + " MB over the 200 before");
                assertTrue(keptGrowth > LIMIT, "the control leaked only " + (keptGrowth >> 20)
                        + " MB: the test would not see a leak");
            }
        }
    }
}
