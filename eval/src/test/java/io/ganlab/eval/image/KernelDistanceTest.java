package io.ganlab.eval.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** KID against a brute-force double loop and hand cases. */
class KernelDistanceTest {

    private static double kernel(float[] a, float[] b) {
        double dot = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
        }
        return Math.pow(dot / a.length + 1, 3);
    }

    /** The unbiased MMD^2 of all of x against all of y (equal sizes), as a plain double loop. */
    private static double bruteForce(float[][] x, float[][] y) {
        int m = x.length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += kernel(x[i], x[j]);
                    yy += kernel(y[i], y[j]);
                }
                xy += kernel(x[i], y[j]);
            }
        }
        return xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
    }

    /** N(offset, 1) in every coordinate. */
    private static float[][] standardGaussian(SplittableRandom rnd, int n, int d, double offset) {
        float[][] rows = new float[n][d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (offset + FeatureStatisticsTest.gaussian(rnd));
            }
        }
        return rows;
    }

    private static DMatrixRMaj matrix(float[][] rows) {
        DMatrixRMaj m = new DMatrixRMaj(rows.length, rows[0].length);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[0].length; j++) {
                m.set(i, j, rows[i][j]);
            }
        }
        return m;
    }

    // one subset's estimate equals the double loop, on sets from different distributions
    @Test
    void subsetEstimateMatchesDoubleLoop() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 3; trial++) {
            float[][] x = FeatureStatisticsTest.gaussianRows(rnd, 25 + trial * 10, 6, 0);
            float[][] y = FeatureStatisticsTest.gaussianRows(rnd, x.length, 6, 0.7);
            double expected = bruteForce(x, y);
            assertEquals(expected, KernelDistance.unbiasedMmdSquared(matrix(x), matrix(y)),
                    1e-12 * Math.abs(expected), "trial " + trial);
        }
    }

    // with the subset size chosen as min(1000, n, n) = n every subset is the whole set (reordered): the mean is
    // the double loop over all samples, the spread 0 up to rounding, and the notes say the size was reduced
    @Test
    void wholeSetSubsetsEqualDoubleLoop() {
        SplittableRandom rnd = new SplittableRandom(2);
        float[][] x = FeatureStatisticsTest.gaussianRows(rnd, 40, 5, 0);
        float[][] y = FeatureStatisticsTest.gaussianRows(rnd, 40, 5, 0.3);
        double expected = bruteForce(x, y);
        KernelDistance.Result r = KernelDistance.between(x, y, new KernelDistance.Options(5, 0, 9));
        assertEquals(expected, r.score(), 1e-12 * Math.abs(expected));
        assertEquals(0, r.std(), 1e-12 * Math.abs(expected));
        assertEquals(40, r.subsetSize());
        assertEquals(5, r.subsets());
        assertEquals(40, r.generatedSamples());
        assertEquals(40, r.referenceSamples());
        assertEquals(5, r.dimension());
        assertEquals("subset size 40 instead of 1000: only 40 generated and 40 reference samples; scores are "
                + "comparable only at the same subset size", r.notes().get(0));
    }

    // two samples of one distribution score near 0 next to a shifted pair, and a set against itself can be
    // negative: x = {(1), (-1)}: k(x1,x2) = 0, k(xi,xi) = 8, MMD^2 = 0 + 0 - 2*(8+8)/4 = -8 (not clamped)
    @Test
    void nearZeroForOneDistributionAndNegativeAllowed() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] a = standardGaussian(rnd, 600, 8, 0);
        float[][] b = standardGaussian(rnd, 600, 8, 0);
        float[][] shifted = standardGaussian(rnd, 600, 8, 0.5);
        KernelDistance.Options options = new KernelDistance.Options(20, 200, 4);
        KernelDistance.Result same = KernelDistance.between(a, b, options);
        KernelDistance.Result different = KernelDistance.between(a, shifted, options);
        assertTrue(different.score() > 5 * different.std(), "shifted pair scored " + different);
        assertTrue(Math.abs(same.score()) < same.std(), "same distribution scored " + same);
        assertTrue(Math.abs(same.score()) < 0.05 * different.score(),
                "same distribution " + same.score() + " vs shifted " + different.score());
        assertTrue(same.notes().isEmpty(), same.notes().toString());

        float[][] x = {{1}, {-1}};
        assertEquals(-8, KernelDistance.between(x, x).score(), 1e-12);
    }

    // subsets are drawn without replacement: a subset of all n from sets whose samples differ only by order
    // would give the double loop's value; with replacement a repeated sample would change it
    @Test
    void subsetsDrawWithoutReplacement() {
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] x = FeatureStatisticsTest.gaussianRows(rnd, 30, 3, 0);
        float[][] y = FeatureStatisticsTest.gaussianRows(rnd, 30, 3, 0);
        double expected = bruteForce(x, y);
        KernelDistance.Result r = KernelDistance.between(x, y, new KernelDistance.Options(50, 30, 11));
        assertEquals(expected, r.score(), 1e-11 * Math.abs(expected) + 1e-15);
        assertTrue(r.notes().isEmpty(), "a size given explicitly needs no note");
    }

    // bad options: one line naming the problem
    @Test
    void refusesBadOptions() {
        float[][] x = FeatureStatisticsTest.gaussianRows(new SplittableRandom(6), 10, 3, 0);
        float[][] y = FeatureStatisticsTest.gaussianRows(new SplittableRandom(7), 12, 3, 0);
        assertTrue(assertThrows(ImageMetricException.class,
                () -> KernelDistance.between(x, y, new KernelDistance.Options(10, 11, 0))).getMessage()
                .contains("subset size 11 exceeds the samples (10 generated, 12 reference); use at most 10"));
        assertTrue(assertThrows(ImageMetricException.class, () -> new KernelDistance.Options(0, 0, 0)).getMessage()
                .contains("subsets must be at least 1"));
        assertTrue(assertThrows(ImageMetricException.class, () -> new KernelDistance.Options(1, 1, 0)).getMessage()
                .contains("subset size must be at least 2"));
        float[][] other = FeatureStatisticsTest.gaussianRows(new SplittableRandom(8), 12, 4, 0);
        assertTrue(assertThrows(ImageMetricException.class, () -> KernelDistance.between(x, other)).getMessage()
                .contains("generated features have dimension 3, reference features 4"));
    }
}
