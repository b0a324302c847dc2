package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * All randomness of a run, drawn in Java so that a resumed run reproduces the original exactly without saving
 * libtorch's generator state: {@link #stream(long, RandomStream)} is a pure function of (seed, step, purpose),
 * and {@link RandomStream} lists every purpose.
 */
public final class Rng {
    private final long seed;

    public Rng(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** A fresh generator fully determined by (seed, step, purpose); two calls with the same triple agree. */
    public RandomGenerator stream(long step, RandomStream purpose) {
        return stream(step, purpose.code(0));
    }

    /** The generator of the {@code index}-th member of an indexed purpose (critic step j, held-out batch k). */
    public RandomGenerator stream(long step, RandomStream purpose, int index) {
        return stream(step, purpose.code(index));
    }

    private RandomGenerator stream(long step, int purpose) {
        // three rounds of the SplitMix64 finaliser so that neighbouring steps and purposes give unrelated seeds
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ step);
        h = mix(h ^ ((long) purpose * 0xD1B54A32D192ED03L));
        return new SplittableRandom(h);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplitMix64. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** N(0, 1) draws of the given shape, float32. */
    public static NDArray normal(NDManager m, RandomGenerator g, Shape s) {
        return normal(m, g, s, DataType.FLOAT32);
    }

    /** N(0, 1) draws of the given shape and type (FLOAT32 or FLOAT64). */
    public static NDArray normal(NDManager m, RandomGenerator g, Shape s, DataType type) {
        int n = Math.toIntExact(s.size());
        if (type == DataType.FLOAT64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = g.nextGaussian();
            }
            return HostCopy.doubles(m, v, s);
        }
        requireFloat32(type);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) g.nextGaussian();
        }
        return HostCopy.floats(m, v, s);
    }

    /** U[lo, hi) draws of the given shape, float32. */
    public static NDArray uniform(NDManager m, RandomGenerator g, Shape s, double lo, double hi) {
        return uniform(m, g, s, lo, hi, DataType.FLOAT32);
    }

    /** U[lo, hi) draws of the given shape and type (FLOAT32 or FLOAT64). */
    public static NDArray uniform(NDManager m, RandomGenerator g, Shape s, double lo, double hi, DataType type) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("uniform range needs lo < hi, got [" + lo + ", " + hi + ")");
        }
        int n = Math.toIntExact(s.size());
        if (type == DataType.FLOAT64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = g.nextDouble(lo, hi);
            }
            return HostCopy.doubles(m, v, s);
        }
        requireFloat32(type);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) g.nextDouble(lo, hi);
        }
        return HostCopy.floats(m, v, s);
    }

    private static void requireFloat32(DataType type) {
        if (type != DataType.FLOAT32) {
            throw new IllegalArgumentException("random draws are FLOAT32 or FLOAT64, not " + type);
        }
    }
}
