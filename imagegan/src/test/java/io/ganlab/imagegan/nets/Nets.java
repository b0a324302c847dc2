package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.SplittableRandom;

/** Test support: seeded values, parameter access and counting, forward passes. */
final class Nets {
    private Nets() {}

    static double[] randoms(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    static NDArray random(NDManager m, Shape s, long seed) {
        return m.create(randoms((int) s.size(), seed), s);
    }

    /** Overwrites a (possibly gradient-requiring) leaf in place. */
    static void setValues(NDArray a, double[] v) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDArray src = a.getManager().create(v, a.getShape())) {
            a.set(new NDIndex("..."), src.toType(a.getDataType(), false));
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Sets every trainable parameter to seeded values in ±scale. */
    static void randomize(Block b, long seed, double scale) {
        long s = seed;
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                NDArray a = p.getValue().getArray();
                double[] v = randoms((int) a.getShape().size(), s++);
                for (int i = 0; i < v.length; i++) {
                    v[i] *= scale;
                }
                setValues(a, v);
            }
        }
    }

    /** Number of trained values (weights, biases, norm scales and offsets). */
    static long trainable(Block b) {
        long n = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().getShape().size();
            }
        }
        return n;
    }

    /** Number of values kept but not trained (batch norm running averages). */
    static long untrained(Block b) {
        long n = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (!p.getValue().requiresGradient()) {
                n += p.getValue().getArray().getShape().size();
            }
        }
        return n;
    }

    static Parameter parameter(Block b, String nameEnd) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getKey().endsWith(nameEnd)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter ending in " + nameEnd + " in " + b.getParameters().keys());
    }

    static NDList forward(Block b, boolean training, NDArray... in) {
        return b.forward(new ParameterStore(in[0].getManager(), false), new NDList(in), training);
    }

    /** A product of dimensions: the size of one of the reference's variables. */
    static long size(long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }
}
