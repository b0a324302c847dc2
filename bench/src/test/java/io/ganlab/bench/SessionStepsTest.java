package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.GeneratorNorm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training session's WGAN-GP steps, as the benchmark drives them, train the player they belong to and leave the other one alone. */
class SessionStepsTest {
    private static final Architecture TINY = new Architecture(4, 5, 16, 128, 5, GeneratorNorm.NONE);

    // a critic step changes the critic's weights (to finite values), not the generator's
    @Test
    void criticStepTrainsOnlyTheCritic() {
        try (SessionSteps steps = SessionSteps.text(TINY, 2, 1L)) {
            List<float[]> g0 = values(steps.generatorParameters());
            List<float[]> d0 = values(steps.criticParameters());
            steps.criticStep(0);
            for (float[] w : values(steps.criticParameters())) {
                for (float x : w) {
                    assertTrue(Float.isFinite(x), "a critic weight is " + x);
                }
            }
            assertSame(g0, values(steps.generatorParameters()));
            assertFalse(same(d0, values(steps.criticParameters())), "the critic did not move");
        }
    }

    // a generator step changes the generator's weights, not the critic's (it is frozen)
    @Test
    void generatorStepTrainsOnlyTheGenerator() {
        try (SessionSteps steps = SessionSteps.text(TINY, 2, 1L)) {
            List<float[]> g0 = values(steps.generatorParameters());
            List<float[]> d0 = values(steps.criticParameters());
            steps.generatorStep(0);
            assertSame(d0, values(steps.criticParameters()));
            assertFalse(same(g0, values(steps.generatorParameters())), "the generator did not move");
        }
    }

    // the critic: a width-1 convolution from the vocabulary, 5 residual blocks of two width-5 convolutions, and a
    // linear layer from all positions to one score (the WGAN-GP language model's), counted by hand
    @Test
    void criticHasThePapersShape() {
        try (SessionSteps steps = SessionSteps.text(TINY, 2, 1L)) {
            int v = 5;
            int d = 16;
            int t = 4;
            long expected = (v * d + d) + 5 * 2 * (d * d * 5 + d) + (t * d + 1);
            long weights = steps.criticParameters().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
            assertEquals(expected, weights);
        }
    }

    private static List<float[]> values(List<Parameter> params) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    private static boolean same(List<float[]> a, List<float[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return a.size() == b.size();
    }

    private static void assertSame(List<float[]> before, List<float[]> after) {
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), "weight " + i);
        }
    }
}
