package io.ganlab.eval.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FID against closed forms and a Denman-Beavers square root written here. */
class FrechetDistanceTest {

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < m; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double trace(double[][] a) {
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            t += a[i][i];
        }
        return t;
    }

    /** Gauss-Jordan inverse with partial pivoting. */
    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double pivot = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= pivot;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    /** The principal square root by the Denman-Beavers iteration (A with positive real eigenvalues). */
    private static double[][] denmanBeaversSqrt(double[][] a) {
        int n = a.length;
        double[][] y = a;
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            z[i][i] = 1;
        }
        for (int k = 0; k < 60; k++) {
            double[][] yi = inverse(y);
            double[][] zi = inverse(z);
            double[][] y2 = new double[n][n];
            double[][] z2 = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    y2[i][j] = 0.5 * (y[i][j] + zi[i][j]);
                    z2[i][j] = 0.5 * (z[i][j] + yi[i][j]);
                }
            }
            y = y2;
            z = z2;
        }
        return y;
    }

    /** B B^T + 0.1 I for a random B: symmetric positive definite. */
    private static double[][] randomSpd(SplittableRandom rnd, int d) {
        double[][] b = new double[d][d];
        for (double[] row : b) {
            for (int j = 0; j < d; j++) {
                row[j] = rnd.nextDouble() * 2 - 1;
            }
        }
        double[][] s = multiply(b, transpose(b));
        for (int i = 0; i < d; i++) {
            s[i][i] += 0.1;
        }
        return s;
    }

    private static double[] randomVector(SplittableRandom rnd, int d) {
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = rnd.nextDouble() * 4 - 2;
        }
        return v;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return s;
    }

    private static double[][] diagonal(double... v) {
        double[][] m = new double[v.length][v.length];
        for (int i = 0; i < v.length; i++) {
            m[i][i] = v[i];
        }
        return m;
    }

    /** A random orthogonal matrix by Gram-Schmidt. */
    private static double[][] randomRotation(SplittableRandom rnd, int d) {
        double[][] q = new double[d][];
        for (int i = 0; i < d; i++) {
            double[] v = randomVector(rnd, d);
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += v[j] * q[k][j];
                }
                for (int j = 0; j < d; j++) {
                    v[j] -= dot * q[k][j];
                }
            }
            double norm = Math.sqrt(squaredDistance(v, new double[d]));
            for (int j = 0; j < d; j++) {
                v[j] /= norm;
            }
            q[i] = v;
        }
        return q;
    }

    // a set against itself: 0 (to rounding), from the same and from separately accumulated statistics
    @Test
    void setAgainstItselfIsZero() {
        float[][] rows = FeatureStatisticsTest.gaussianRows(new SplittableRandom(1), 300, 16, 2);
        FeatureStatistics s = FeatureStatistics.of(rows);
        assertEquals(0, FrechetDistance.between(s, s).score(), 1e-9);
        FrechetDistance.Result r = FrechetDistance.between(rows, rows);
        assertEquals(0, r.score(), 1e-9);
        assertEquals(300, r.generatedSamples());
        assertEquals(300, r.referenceSamples());
        assertEquals(16, r.dimension());
        assertTrue(r.notes().isEmpty(), r.notes().toString());
    }

    // diagonal covariances: sum (mu diff)^2 + sum (s1 + s2 - 2 sqrt(s1 s2)); the same after rotating both
    // Gaussians by one orthogonal Q (the covariances then commute but are not diagonal)
    @Test
    void diagonalCovariancesMatchClosedForm() {
        SplittableRandom rnd = new SplittableRandom(2);
        int d = 6;
        double[] mu1 = randomVector(rnd, d);
        double[] mu2 = randomVector(rnd, d);
        double[] v1 = new double[d];
        double[] v2 = new double[d];
        double expected = squaredDistance(mu1, mu2);
        for (int j = 0; j < d; j++) {
            v1[j] = 0.1 + 3 * rnd.nextDouble();
            v2[j] = 0.1 + 3 * rnd.nextDouble();
            expected += v1[j] + v2[j] - 2 * Math.sqrt(v1[j] * v2[j]);
        }
        FrechetDistance.Result r = FrechetDistance.between(new FeatureStatistics(100, mu1, diagonal(v1)),
                new FeatureStatistics(200, mu2, diagonal(v2)));
        assertEquals(expected, r.score(), 1e-12 * expected);
        assertEquals(squaredDistance(mu1, mu2), r.meanTerm(), 1e-12);
        assertEquals(100, r.generatedSamples());
        assertEquals(200, r.referenceSamples());

        double[][] q = randomRotation(rnd, d);
        double[][] s1 = multiply(multiply(q, diagonal(v1)), transpose(q));
        double[][] s2 = multiply(multiply(q, diagonal(v2)), transpose(q));
        double[][] m1 = multiply(q, transpose(new double[][] {mu1}));
        double[][] m2 = multiply(q, transpose(new double[][] {mu2}));
        double rotated = FrechetDistance.between(new FeatureStatistics(100, transpose(m1)[0], s1),
                new FeatureStatistics(200, transpose(m2)[0], s2)).score();
        assertEquals(expected, rotated, 1e-10 * expected);
    }

    // 2x2, non-commuting: A = S1 S2 has eigenvalues l1, l2 >= 0, so Tr sqrt(A) = sqrt(l1) + sqrt(l2)
    // = sqrt(tr A + 2 sqrt(det A)), with det A = det S1 det S2
    @Test
    void nonCommutingTwoByTwoMatchesClosedForm() {
        double[][] s1 = {{2, 1}, {1, 3}};
        double[][] s2 = {{1, -0.5}, {-0.5, 4}};
        double[][] a = multiply(s1, s2);
        assertTrue(Math.abs(a[0][1] - multiply(s2, s1)[0][1]) > 0.1, "the pair must not commute");
        double det1 = 2 * 3 - 1;
        double det2 = 4 - 0.25;
        double traceSqrt = Math.sqrt(trace(a) + 2 * Math.sqrt(det1 * det2));
        double[] mu1 = {1, -1};
        double[] mu2 = {0.5, 2};
        double expected = squaredDistance(mu1, mu2) + trace(s1) + trace(s2) - 2 * traceSqrt;
        FrechetDistance.Result r = FrechetDistance.between(new FeatureStatistics(10, mu1, s1),
                new FeatureStatistics(10, mu2, s2));
        assertEquals(expected, r.score(), 1e-12 * expected);
        assertEquals(trace(s1) + trace(s2) - 2 * traceSqrt, r.traceTerm(), 1e-12 * expected);
    }

    // random non-commuting 7x7 covariances against the trace of a Denman-Beavers square root of S1 S2
    @Test
    void nonCommutingMatchesDenmanBeavers() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 3; trial++) {
            int d = 7;
            double[][] s1 = randomSpd(rnd, d);
            double[][] s2 = randomSpd(rnd, d);
            double[] mu1 = randomVector(rnd, d);
            double[] mu2 = randomVector(rnd, d);
            double[][] root = denmanBeaversSqrt(multiply(s1, s2));
            double[][] check = multiply(root, root);
            double[][] a = multiply(s1, s2);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    assertEquals(a[i][j], check[i][j], 1e-9, "Denman-Beavers did not converge");
                }
            }
            double expected = squaredDistance(mu1, mu2) + trace(s1) + trace(s2) - 2 * trace(root);
            double got = FrechetDistance.between(new FeatureStatistics(50, mu1, s1),
                    new FeatureStatistics(50, mu2, s2)).score();
            assertEquals(expected, got, 1e-9 * Math.max(1, expected), "trial " + trial);
        }
    }

    // exactly singular covariances: diag(1, 0, 4) and diag(0, 0, 9): 1 + 0 + (4 + 9 - 2*6) = 2
    @Test
    void exactlySingularCovariances() {
        double[] mu = {0, 0, 0};
        FrechetDistance.Result r = FrechetDistance.between(new FeatureStatistics(10, mu, diagonal(1, 0, 4)),
                new FeatureStatistics(10, mu, diagonal(0, 0, 9)));
        assertEquals(2, r.score(), 1e-12);
    }

    // fewer samples than dimensions: a nearly singular product gives a finite distance, no NaN, and a warning;
    // the set against itself is 0 up to the square roots of rounding-level eigenvalues (about 1e-8 each)
    @Test
    void rankDeficientCovarianceGivesNoNaN() {
        SplittableRandom rnd = new SplittableRandom(4);
        float[][] few = FeatureStatisticsTest.gaussianRows(rnd, 6, 40, 0);
        float[][] more = FeatureStatisticsTest.gaussianRows(rnd, 30, 40, 0.5);
        FrechetDistance.Result r = FrechetDistance.between(few, more);
        assertTrue(Double.isFinite(r.score()) && r.score() > 0, "score " + r.score());
        assertEquals(2, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("generated covariance from 6 samples in 40 dimensions has rank at "
                + "most 5"), r.notes().get(0));
        assertTrue(r.notes().get(1).startsWith("reference covariance from 30 samples"), r.notes().get(1));

        FeatureStatistics s = FeatureStatistics.of(few);
        double self = FrechetDistance.between(s, s).score();
        double scale = 0;
        for (int j = 0; j < 40; j++) {
            scale += s.covariance()[j][j];
        }
        assertTrue(Double.isFinite(self) && Math.abs(self) < 1e-6 * scale, "self distance " + self);
    }

    // statistics of different dimensions are refused with one line
    @Test
    void refusesDifferentDimensions() {
        FeatureStatistics a = new FeatureStatistics(5, new double[2], diagonal(1, 1));
        FeatureStatistics b = new FeatureStatistics(5, new double[3], diagonal(1, 1, 1));
        assertTrue(assertThrows(ImageMetricException.class, () -> FrechetDistance.between(a, b)).getMessage()
                .contains("generated features have dimension 2, reference features 3"));
    }
}
