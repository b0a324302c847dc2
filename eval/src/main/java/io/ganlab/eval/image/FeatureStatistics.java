package io.ganlab.eval.image;

import io.ganlab.common.StagedOutput;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The first two moments of a set of feature vectors, what the Fréchet distance compares: the sample count, the
 * mean and the covariance with the unbiased {@code n - 1} denominator, all in double precision. The arrays are
 * not copied: treat them as read-only.
 *
 * <p>Built streaming by an {@link Accumulator}, or at once by {@link #of}; saved as a cache of reference
 * statistics by {@link #write} and read back by {@link #read} under a key that names everything the statistics
 * depend on (dataset, extractor, resizing, tool version).
 *
 * @param samples    how many feature vectors were accumulated (at least 2)
 * @param mean       their mean, length {@code d}
 * @param covariance their covariance, {@code d x d}, symmetric, divided by {@code samples - 1}
 */
public record FeatureStatistics(long samples, double[] mean, double[][] covariance) {
    /** The cache layout: {@code "GANLABFS"}, version 1. */
    private static final KeyedCacheFile FILE = new KeyedCacheFile("GANLABFS", 1, "feature statistics");

    public FeatureStatistics {
        if (samples < 2) {
            throw new ImageMetricException("feature statistics need at least 2 samples for a covariance, got "
                    + samples);
        }
        int d = mean.length;
        if (d == 0 || covariance.length != d) {
            throw new ImageMetricException("feature statistics: mean of length " + d + " but covariance with "
                    + covariance.length + " rows");
        }
        for (double[] row : covariance) {
            if (row.length != d) {
                throw new ImageMetricException("feature statistics: covariance is not " + d + " x " + d);
            }
        }
    }

    /** Length of the feature vectors. */
    public int dimension() {
        return mean.length;
    }

    /**
     * Whether the covariance is necessarily singular: {@code n} samples span at most {@code n - 1} directions
     * around their mean, so with {@code n <= d} the estimate has rank below {@code d}.
     */
    public boolean rankDeficient() {
        return samples <= dimension();
    }

    /** The statistics of all {@code rows} (each a feature vector). */
    public static FeatureStatistics of(float[][] rows) {
        Accumulator acc = new Accumulator(FeatureRows.checkShape(rows, "features", 2));
        acc.add(rows);
        return acc.statistics();
    }

    /**
     * Accumulates feature vectors batch by batch. The result does not depend on how the samples were cut into
     * batches (it is bit-identical for batches of 1, 7 or all at once): samples are buffered into chunks of
     * {@link #CHUNK} rows whatever the batch size; each chunk's mean and centred scatter matrix are computed
     * directly (two passes, so no cancellation inside a chunk) and merged into the running moments with the
     * pairwise update of Chan, Golub and LeVeque (1979), the batch form of Welford's algorithm:
     * {@code delta = mean_b - mean_a}, {@code mean += delta * n_b / n},
     * {@code M2 = M2_a + M2_b + delta delta^T * n_a n_b / n}. Memory: two {@code d x d} double matrices.
     */
    public static final class Accumulator {
        /** Rows per chunk: large enough for a blocked matrix product, small next to a 50,000-sample set. */
        public static final int CHUNK = 256;

        private final int dimension;
        private final double[] pending;           // (CHUNK, d) row-major: rows not yet merged
        private int pendingRows;
        private final Moments moments;

        public Accumulator(int dimension) {
            if (dimension < 1) {
                throw new ImageMetricException("feature statistics: dimension must be at least 1, not " + dimension);
            }
            this.dimension = dimension;
            this.pending = new double[CHUNK * dimension];
            this.moments = new Moments(dimension);
        }

        public int dimension() {
            return dimension;
        }

        /** How many samples have been added so far. */
        public long samples() {
            return moments.n + pendingRows;
        }

        /** Adds a batch of feature vectors (rows of length {@link #dimension()}, finite). */
        public void add(float[][] batch) {
            if (batch.length == 0) {
                return;
            }
            int d = FeatureRows.checkFinite(batch, "features", 1);   // checked first: a bad batch adds nothing
            if (d != dimension) {
                throw new ImageMetricException("features: rows of " + d + " values, these statistics have dimension "
                        + dimension);
            }
            for (float[] row : batch) {
                int base = pendingRows * dimension;
                for (int j = 0; j < dimension; j++) {
                    pending[base + j] = row[j];
                }
                if (++pendingRows == CHUNK) {
                    moments.merge(pending, CHUNK);
                    pendingRows = 0;
                }
            }
        }

        /** The statistics of everything added so far; adding more afterwards is allowed. */
        public FeatureStatistics statistics() {
            Moments m = moments;
            if (pendingRows > 0) {
                m = moments.copy();                // the chunking of later samples must not change
                m.merge(pending, pendingRows);
            }
            if (m.n < 2) {
                throw new ImageMetricException("feature statistics need at least 2 samples for a covariance, got "
                        + m.n);
            }
            double[][] cov = new double[dimension][dimension];
            double[] m2 = m.m2.data;
            for (int i = 0; i < dimension; i++) {
                for (int j = i; j < dimension; j++) {
                    double v = m2[i * dimension + j] / (m.n - 1);
                    cov[i][j] = v;
                    cov[j][i] = v;                 // exactly symmetric, whatever the product's rounding
                }
            }
            return new FeatureStatistics(m.n, m.mean.clone(), cov);
        }
    }

    /** Running count, mean and sum of centred outer products ({@code M2}). */
    private static final class Moments {
        long n;
        final double[] mean;
        final DMatrixRMaj m2;

        Moments(int d) {
            mean = new double[d];
            m2 = new DMatrixRMaj(d, d);
        }

        private Moments(long n, double[] mean, DMatrixRMaj m2) {
            this.n = n;
            this.mean = mean;
            this.m2 = m2;
        }

        Moments copy() {
            return new Moments(n, mean.clone(), m2.copy());
        }

        /** Merges the first {@code rows} rows of {@code chunk} (row-major, {@code d} columns). */
        void merge(double[] chunk, int rows) {
            int d = mean.length;
            double[] chunkMean = new double[d];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    chunkMean[j] += chunk[r * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                chunkMean[j] /= rows;
            }
            DMatrixRMaj centred = new DMatrixRMaj(rows, d);             // (rows, d)
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    centred.data[r * d + j] = chunk[r * d + j] - chunkMean[j];
                }
            }
            DMatrixRMaj scatter = new DMatrixRMaj(d, d);               // (d, d) = centred^T centred
            CommonOps_DDRM.multInner(centred, scatter);

            long total = n + rows;
            double weight = (double) n * rows / total;
            double[] delta = new double[d];
            for (int j = 0; j < d; j++) {
                delta[j] = chunkMean[j] - mean[j];
                mean[j] += delta[j] * rows / total;
            }
            double[] a = m2.data;
            double[] b = scatter.data;
            for (int i = 0; i < d; i++) {
                double wi = delta[i] * weight;
                int base = i * d;
                for (int j = 0; j < d; j++) {
                    a[base + j] += b[base + j] + wi * delta[j];
                }
            }
            n = total;
        }
    }

    /**
     * Writes these statistics to {@code file} atomically, tagged with {@code key}. Layout (big-endian, as
     * {@link DataOutputStream} writes): {@code "GANLABFS"}, format version (int), key (modified UTF-8), samples
     * (long), d (int), the mean (d doubles), the covariance's upper triangle row by row including the diagonal
     * (d(d+1)/2 doubles), and a CRC-32C of everything before it (int).
     *
     * @param key names everything the statistics depend on (dataset checksum, extractor id, resizing, version);
     *            {@link #read} refuses a file written under another key
     */
    public void write(Path file, String key) throws IOException {
        FILE.write(file, key, out -> {
            out.writeLong(samples);
            int d = dimension();
            out.writeInt(d);
            for (double v : mean) {
                out.writeDouble(v);
            }
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    out.writeDouble(covariance[i][j]);
                }
            }
        });
    }


    /**
     * Reads statistics written by {@link #write} under {@code key}.
     *
     * @throws ImageMetricException when the file is not such a cache, was written under another key, or is
     *                              truncated or damaged (the message says which); a caller holding the data can
     *                              then recompute and {@link #write} again
     */
    public static FeatureStatistics read(Path file, String key) throws IOException {
        return FILE.read(file, key, (in, stale) -> {
            long samples = in.readLong();
            int d = in.readInt();
            if (samples < 2 || d < 1 || d > 1 << 15) {
                throw stale.because("damaged header (samples " + samples + ", dimension " + d + ")");
            }
            double[] mean = new double[d];
            for (int j = 0; j < d; j++) {
                mean[j] = in.readDouble();
            }
            double[][] cov = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    cov[i][j] = in.readDouble();
                    cov[j][i] = cov[i][j];
                }
            }
            return new FeatureStatistics(samples, mean, cov);
        });
    }

}
