package io.ganlab.eval.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming mean and covariance against a two-pass computation, batch-size independence, the cache file. */
class FeatureStatisticsTest {

    /** Gaussian rows around {@code offset}, each column with its own scale. */
    static float[][] gaussianRows(SplittableRandom rnd, int n, int d, double offset) {
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) (offset + (j + 1) * gaussian(rnd));
            }
        }
        return rows;
    }

    static double gaussian(SplittableRandom rnd) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** Two-pass mean and n-1 covariance, written out plainly. */
    static double[][] twoPass(float[][] rows, double[] meanOut) {
        int n = rows.length;
        int d = rows[0].length;
        for (float[] r : rows) {
            for (int j = 0; j < d; j++) {
                meanOut[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            meanOut[j] /= n;
        }
        double[][] cov = new double[d][d];
        for (float[] r : rows) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (r[a] - meanOut[a]) * (r[b] - meanOut[b]);
                }
            }
        }
        for (double[] row : cov) {
            for (int b = 0; b < d; b++) {
                row[b] /= n - 1;
            }
        }
        return cov;
    }

    static void assertRelativelyClose(double expected, double actual, double rel, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(expected - actual) <= rel * scale, what + ": expected " + expected + ", got " + actual);
    }

    private static FeatureStatistics inBatches(float[][] rows, int batch) {
        FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(rows[0].length);
        for (int from = 0; from < rows.length; from += batch) {
            acc.add(Arrays.copyOfRange(rows, from, Math.min(rows.length, from + batch)));
        }
        assertEquals(rows.length, acc.samples());
        return acc.statistics();
    }

    // mean and covariance equal the two-pass values, also far from the origin (offset 1000, where a plain sum of
    // squares would lose digits) and across chunks (600 rows: two full chunks of 256 and a partial one)
    @Test
    void matchesTwoPassComputation() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (double offset : new double[] {0, 1000}) {
            float[][] rows = gaussianRows(rnd, 600, 5, offset);
            double[] mean = new double[5];
            double[][] cov = twoPass(rows, mean);
            FeatureStatistics s = FeatureStatistics.of(rows);
            assertEquals(600, s.samples());
            for (int a = 0; a < 5; a++) {
                assertRelativelyClose(mean[a], s.mean()[a], 1e-12, "mean " + a);
                for (int b = 0; b < 5; b++) {
                    // off-diagonal entries are near 0: compare against the diagonal's scale
                    double scale = Math.sqrt(cov[a][a] * cov[b][b]);
                    assertEquals(cov[a][b], s.covariance()[a][b], 1e-12 * scale, "cov " + a + "," + b);
                }
            }
        }
    }

    // batches of 1, 7 and all at once give the same statistics (1e-12 relative; in fact identical)
    @Test
    void independentOfBatchSize() {
        float[][] rows = gaussianRows(new SplittableRandom(4), 777, 9, 50);
        FeatureStatistics all = inBatches(rows, rows.length);
        for (int batch : new int[] {1, 7, 256, 300}) {
            FeatureStatistics s = inBatches(rows, batch);
            for (int a = 0; a < 9; a++) {
                assertRelativelyClose(all.mean()[a], s.mean()[a], 1e-12, "batch " + batch + " mean " + a);
                for (int b = 0; b < 9; b++) {
                    double scale = Math.sqrt(all.covariance()[a][a] * all.covariance()[b][b]);
                    assertEquals(all.covariance()[a][b], s.covariance()[a][b], 1e-12 * scale,
                            "batch " + batch + " cov " + a + "," + b);
                }
            }
        }
    }

    // asking for the statistics half-way does not change what the whole set gives
    @Test
    void intermediateStatisticsLeaveTheResultUnchanged() {
        float[][] rows = gaussianRows(new SplittableRandom(5), 300, 4, 0);
        FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(4);
        acc.add(Arrays.copyOfRange(rows, 0, 100));
        FeatureStatistics first = acc.statistics();
        assertEquals(100, first.samples());
        acc.add(Arrays.copyOfRange(rows, 100, 300));
        FeatureStatistics whole = acc.statistics();
        FeatureStatistics direct = FeatureStatistics.of(rows);
        assertArrayEquals(direct.mean(), whole.mean());
        for (int a = 0; a < 4; a++) {
            assertArrayEquals(direct.covariance()[a], whole.covariance()[a]);
        }
    }

    // a hand case: (0,0), (2,0), (0,2) has mean (2/3, 2/3) and covariance [[4/3, -2/3], [-2/3, 4/3]]
    @Test
    void handCase() {
        FeatureStatistics s = FeatureStatistics.of(new float[][] {{0, 0}, {2, 0}, {0, 2}});
        assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {4.0 / 3, -2.0 / 3}, s.covariance()[0], 1e-15);
        assertArrayEquals(new double[] {-2.0 / 3, 4.0 / 3}, s.covariance()[1], 1e-15);
        assertFalse(s.rankDeficient(), "3 samples in 2 dimensions can span both");
    }

    // n <= d: the covariance has rank at most n - 1 < d
    @Test
    void rankDeficiency() {
        assertTrue(FeatureStatistics.of(gaussianRows(new SplittableRandom(1), 4, 4, 0)).rankDeficient());
        assertFalse(FeatureStatistics.of(gaussianRows(new SplittableRandom(1), 5, 4, 0)).rankDeficient());
    }

    // the cache file gives back exactly what was written, and refuses another key, damage and truncation
    @Test
    void cacheRoundTrip(@TempDir Path dir) throws Exception {
        FeatureStatistics s = FeatureStatistics.of(gaussianRows(new SplittableRandom(6), 50, 6, 3));
        Path file = dir.resolve("ref.stats");
        s.write(file, "fashion-mnist@abc|classifier@123|v1");
        FeatureStatistics back = FeatureStatistics.read(file, "fashion-mnist@abc|classifier@123|v1");
        assertEquals(s.samples(), back.samples());
        assertArrayEquals(s.mean(), back.mean());
        for (int a = 0; a < 6; a++) {
            assertArrayEquals(s.covariance()[a], back.covariance()[a]);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(1, listing.count(), "no staging file left behind");
        }

        String other = assertThrows(ImageMetricException.class,
                () -> FeatureStatistics.read(file, "fashion-mnist@abc|classifier@999|v1")).getMessage();
        assertTrue(other.contains("made for 'fashion-mnist@abc|classifier@123|v1', wanted"), other);

        byte[] bytes = Files.readAllBytes(file);
        byte[] damaged = bytes.clone();
        damaged[bytes.length / 2] ^= 0x10;
        Path bad = dir.resolve("damaged.stats");
        Files.write(bad, damaged);
        assertTrue(assertThrows(ImageMetricException.class, () -> FeatureStatistics.read(bad, "fashion-mnist@abc|"
                + "classifier@123|v1")).getMessage().contains("checksum does not match"));

        Files.write(bad, Arrays.copyOf(bytes, bytes.length - 9));
        assertTrue(assertThrows(ImageMetricException.class, () -> FeatureStatistics.read(bad, "fashion-mnist@abc|"
                + "classifier@123|v1")).getMessage().contains("truncated"));

        Files.writeString(bad, "not statistics at all");
        assertTrue(assertThrows(ImageMetricException.class, () -> FeatureStatistics.read(bad, "k"))
                .getMessage().contains("not a feature statistics file"));
    }

    // bad input: one line naming the problem; a refused batch adds nothing
    @Test
    void refusesBadInput() {
        FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(3);
        acc.add(new float[][] {{1, 2, 3}});
        assertTrue(assertThrows(ImageMetricException.class, () -> acc.add(new float[][] {{1, 2}}))
                .getMessage().contains("rows of 2 values, these statistics have dimension 3"));
        assertTrue(assertThrows(ImageMetricException.class, () -> acc.add(new float[][] {{1, 2, 3}, {1, Float.NaN, 3}}))
                .getMessage().contains("value NaN at row 1, column 1"));
        assertEquals(1, acc.samples());
        assertTrue(assertThrows(ImageMetricException.class, acc::statistics)
                .getMessage().contains("at least 2 samples"));
    }
}
