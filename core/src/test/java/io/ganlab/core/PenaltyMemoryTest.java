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
            var real = Rng.normal(step, rng.stream(t, Rng.REAL_BATCH), IN);
            var fake = Rng.normal(step, rng.stream(t, Rng.NOISE), IN);
            Loss l = gp.criticLoss(c.function(), real, fake, rng.stream(t, Rng.INTERPOLATION));
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
                // the allocator's pools fill during the first steps; growth is measured after them
                for (int t = 0; t < 60; t++) {
                    step(m, c, gp, adam, rng, t, null);
                }
                int arrays = ((BaseNDManager) m).getManagedArrays().size();
                long rss0 = settledRss();
                for (int t = 60; t < 260; t++) {
                    step(m, c, gp, adam, rng, t, null);
                }
                long grown = settledRss() - rss0;
                // no leaked NDArrays: the step's arrays all went with its sub-manager, no gradient handles remain
                assertEquals(arrays, ((BaseNDManager) m).getManagedArrays().size());

                // control: the same measurement over 100 steps whose arrays are kept alive
                List<NDManager> kept = new ArrayList<>();
                long rss1 = settledRss();
                for (int t = 260; t < 360; t++) {
                    step(m, c, gp, adam, rng, t, kept);
                }
                long keptGrowth = settledRss() - rss1;
                kept.forEach(NDManager::close);
                System.err.printf("penalty steps: RSS %+d MB over 200 steps; control %+d MB over 100 kept steps%n",
                        grown >> 20, keptGrowth >> 20);
                assertTrue(grown < LIMIT, "RSS grew by " + (grown >> 20) + " MB over 200 penalty steps");
                assertTrue(keptGrowth > LIMIT, "the control leaked only " + (keptGrowth >> 20)
                        + " MB: the test would not see a leak");
            }
        }
    }
}
