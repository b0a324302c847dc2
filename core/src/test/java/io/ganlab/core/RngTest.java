package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RngTest {
    private static long[] first(RandomGenerator g, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = g.nextLong();
        }
        return v;
    }

    /** A stream is a pure function of (seed, step, purpose): two instances agree, call order does not matter. */
    @Test
    void streamsAreDeterministic() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        long[] later = first(b.stream(7, RandomStream.GENERATOR_STEP), 5);      // b used out of order first
        first(b.stream(3, RandomStream.EVALUATION_NOISE), 5);
        assertArrayEquals(first(a.stream(7, RandomStream.GENERATOR_STEP), 5), later);
        assertArrayEquals(first(a.stream(7, RandomStream.GENERATOR_STEP), 5), first(new Rng(42).stream(7, RandomStream.GENERATOR_STEP), 5));
    }

    /** Different seeds, steps or purposes give different streams (no collisions over a grid). */
    @Test
    void streamsDiffer() {
        Set<Long> seen = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            for (long step = 0; step < 50; step++) {
                for (RandomStream purpose : RandomStream.values()) {
                    for (int index = 0; index < (purpose == RandomStream.CRITIC_STEP ? 10 : 1); index++) {
                        assertTrue(seen.add(new Rng(seed).stream(step, purpose, index).nextLong()),
                                "collision at " + seed + "/" + step + "/" + purpose + "/" + index);
                    }
                }
            }
        }
        assertNotEquals(new Rng(1).stream(0, RandomStream.GENERATOR_STEP).nextLong(),
                new Rng(1).stream(1, RandomStream.EVALUATION_NOISE).nextLong());
    }

    /** The array helpers draw exactly the generator's numbers, in order, with the requested shape and type. */
    @Test
    void arraysComeFromTheGenerator() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Rng r = new Rng(5);
            NDArray u = Rng.uniform(m, r.stream(1, RandomStream.EVALUATION_NOISE), new Shape(2, 3), 0.99, 1, DataType.FLOAT64);
            RandomGenerator g = r.stream(1, RandomStream.EVALUATION_NOISE);
            double[] expected = new double[6];
            for (int i = 0; i < 6; i++) {
                expected[i] = g.nextDouble(0.99, 1);
            }
            assertEquals(new Shape(2, 3), u.getShape());
            assertArrayEquals(expected, u.toDoubleArray(), 0);
            NDArray z = Rng.normal(m, r.stream(2, RandomStream.GENERATOR_STEP), new Shape(100, 100));
            assertEquals(DataType.FLOAT32, z.getDataType());
            float[] v = z.toFloatArray();
            double mean = 0;
            double sq = 0;
            for (float x : v) {
                mean += x / 1e4;
                sq += x * x / 1e4;
            }
            assertEquals(0, mean, 0.05);
            assertEquals(1, Math.sqrt(sq - mean * mean), 0.05);
            assertArrayEquals(v, Rng.normal(m, r.stream(2, RandomStream.GENERATOR_STEP), new Shape(100, 100)).toFloatArray());
        }
    }
}
