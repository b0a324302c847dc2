package io.ganlab.eval.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The kernel inception distance (KID, Bińkowski et al. 2018): the unbiased estimate of the squared maximum mean
 * discrepancy between generated and reference feature vectors under the cubic polynomial kernel
 * {@code k(x, y) = (x.y / d + 1)^3}, averaged over random subsets. A pure function of two sets of features.
 *
 * <p>For subsets {@code X} (generated) and {@code Y} (reference) of {@code m} vectors each:
 * {@code MMD^2 = sum_{i != j} k(x_i, x_j) / (m (m-1)) + sum_{i != j} k(y_i, y_j) / (m (m-1))
 * - 2 sum_{i,j} k(x_i, y_j) / m^2}. Each subset draws {@code m} generated and {@code m} reference vectors without
 * replacement with a seeded {@link Random}; the result is the mean over {@code subsets} (default 100) and the
 * population standard deviation over subsets (as {@code numpy.std}).
 *
 * <p>Units: the score is a squared MMD in the kernel's units (the kernel is a cubic in {@code x.y / d}, so the
 * score depends on the features' scale and is comparable only for one extractor); it is unbiased, so it can be negative when both sets come from one distribution. Papers
 * print "KID x 10^3": multiply {@link Result#score()} by 1000 yourself when you report it that way; nothing here
 * does.
 *
 * <p>Subset size: at most {@link #DEFAULT_MAX_SUBSET_SIZE}, and never more than either set has
 * ({@code min(1000, n_generated, n_reference)} unless given); the result's notes say when it was reduced.
 * Computed in double precision with EJML's matrix products, on one thread: about {@code 2 m^2 d} multiply-adds
 * per subset, 4e9 for the default subsets of 1,000 2048-d vectors, about 2 CPU seconds each (so the
 * default 100 subsets take minutes; fewer subsets give a noisier mean, which {@link Result#std()} shows).
 */
public final class KernelDistance {
    /** Key of the score in metric records. */
    public static final String KEY = io.ganlab.common.MetricKeys.KID;
    /** Key of its standard deviation over subsets. */
    public static final String KEY_STD = "kid_std";
    public static final int DEFAULT_SUBSETS = 100;
    /** The subset size of the KID paper and torch-fidelity, used when both sets have that many vectors. */
    public static final int DEFAULT_MAX_SUBSET_SIZE = 1000;
    public static final long DEFAULT_SEED = 0L;

    /**
     * How KID is estimated.
     *
     * @param subsets    how many subsets are drawn (at least 1)
     * @param subsetSize vectors per set in each subset, at least 2; 0 chooses
     *                   {@code min(1000, n_generated, n_reference)}
     * @param seed       seed of the subset draws
     */
    public record Options(int subsets, int subsetSize, long seed) {
        public static final Options DEFAULT = new Options(DEFAULT_SUBSETS, 0, DEFAULT_SEED);

        public Options {
            if (subsets < 1) {
                throw new ImageMetricException("kid: subsets must be at least 1, not " + subsets);
            }
            if (subsetSize != 0 && subsetSize < 2) {
                throw new ImageMetricException("kid: the subset size must be at least 2 (or 0 to choose it), not "
                        + subsetSize);
            }
        }
    }

    /**
     * A kernel distance.
     *
     * @param score            mean over subsets of the unbiased MMD^2 (not multiplied by 1000)
     * @param std              population standard deviation over subsets
     * @param subsets          how many subsets were drawn
     * @param subsetSize       vectors of each set per subset
     * @param generatedSamples generated feature vectors available
     * @param referenceSamples reference feature vectors available
     * @param dimension        length of the feature vectors
     * @param notes            what a reader should know (a reduced subset size, ...); empty when nothing
     */
    public record Result(double score, double std, int subsets, int subsetSize, int generatedSamples,
                         int referenceSamples, int dimension, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private KernelDistance() {}

    /** KID with 100 subsets of {@code min(1000, n_generated, n_reference)} vectors. */
    public static Result between(float[][] generated, float[][] reference) {
        return between(generated, reference, Options.DEFAULT);
    }

    public static Result between(float[][] generated, float[][] reference, Options options) {
        // kept as float: a 50,000 x 2048 set widened to double would take 800 MB; subsets are widened when drawn
        float[][] x = generated;
        float[][] y = reference;
        int d = FeatureRows.checkFinite(x, "generated features", 2);
        if (FeatureRows.checkFinite(y, "reference features", 2) != d) {
            throw new ImageMetricException("kid: generated features have dimension " + d + ", reference features "
                    + y[0].length + " (features of different extractors?)");
        }
        int available = Math.min(x.length, y.length);
        List<String> notes = new ArrayList<>();
        int m = options.subsetSize();
        if (m == 0) {
            m = Math.min(DEFAULT_MAX_SUBSET_SIZE, available);
            if (m < DEFAULT_MAX_SUBSET_SIZE) {
                notes.add("subset size " + m + " instead of " + DEFAULT_MAX_SUBSET_SIZE + ": only " + x.length
                        + " generated and " + y.length + " reference samples; scores are comparable only at the "
                        + "same subset size");
            }
        } else if (m > available) {
            throw new ImageMetricException("kid: subset size " + m + " exceeds the samples (" + x.length
                    + " generated, " + y.length + " reference); use at most " + available + " or 0 to choose");
        }
        Random rnd = new Random(options.seed());
        int[] xOrder = identity(x.length);
        int[] yOrder = identity(y.length);
        double[] values = new double[options.subsets()];
        for (int s = 0; s < values.length; s++) {
            DMatrixRMaj xs = draw(x, xOrder, m, rnd);
            DMatrixRMaj ys = draw(y, yOrder, m, rnd);
            values[s] = unbiasedMmdSquared(xs, ys);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(var / values.length), values.length, m, x.length, y.length, d, notes);
    }

    /** The unbiased MMD^2 of two sets of equally many vectors (rows) under the cubic polynomial kernel. */
    static double unbiasedMmdSquared(DMatrixRMaj xm, DMatrixRMaj ym) {
        int m = xm.numRows;                                                  // xm, ym: (m, d)
        int d = xm.numCols;
        double xx = offDiagonalKernelSum(xm, d);
        double yy = offDiagonalKernelSum(ym, d);
        DMatrixRMaj dotXY = new DMatrixRMaj(m, m);
        // X (Y^T) with Y^T stored: EJML's row-times-matrix product vectorises, its multTransB (row dots) does not
        CommonOps_DDRM.mult(xm, CommonOps_DDRM.transpose(ym, null), dotXY);  // (m, m) of x_i . y_j
        double xy = 0;
        for (double dot : dotXY.data) {
            xy += kernel(dot, d);
        }
        return (xx + yy) / ((double) m * (m - 1)) - 2 * xy / ((double) m * m);
    }

    /** {@code sum_{i != j} k(a_i, a_j)}, from the upper triangle of the Gram matrix {@code A A^T}. */
    private static double offDiagonalKernelSum(DMatrixRMaj a, int d) {
        int m = a.numRows;
        DMatrixRMaj gram = new DMatrixRMaj(m, m);
        // (A^T)^T (A^T): EJML's inner product computes one triangle, half the work of a general product
        CommonOps_DDRM.multInner(CommonOps_DDRM.transpose(a, null), gram); // (m, m) of a_i . a_j
        double sum = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                sum += kernel(gram.unsafe_get(i, j), d);
            }
        }
        return 2 * sum;                                                      // the Gram matrix is symmetric
    }

    private static double kernel(double dot, int d) {
        double v = dot / d + 1;
        return v * v * v;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /**
     * {@code m} rows drawn without replacement: a partial Fisher-Yates shuffle of {@code order}, which need not be
     * reset between draws (any permutation is a valid starting point).
     */
    private static DMatrixRMaj draw(float[][] rows, int[] order, int m, Random rnd) {
        int n = order.length;
        int d = rows[0].length;
        DMatrixRMaj out = new DMatrixRMaj(m, d);                             // (m, d)
        for (int i = 0; i < m; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            float[] row = rows[order[i]];
            for (int k = 0; k < d; k++) {
                out.data[i * d + k] = row[k];
            }
        }
        return out;
    }
}
