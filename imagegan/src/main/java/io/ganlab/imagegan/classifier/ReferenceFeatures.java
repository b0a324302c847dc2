package io.ganlab.imagegan.classifier;

import io.ganlab.common.Provenance;
import io.ganlab.common.StagedOutput;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.FeatureStatistics;
import io.ganlab.eval.image.KeyedCacheFile;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageShape;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The features of a dataset split, and the cache of the train split's reference features beside the dataset.
 *
 * <p>The reference of FID and KID is the whole train split. Its statistics (FID) and its pool features (KID needs
 * the vectors, not only their moments) are cached in {@code DIR/features/train.<extractor>.fstats} and
 * {@code .rows} under a key naming everything they depend on: the dataset's checksum and size, the extractor's
 * {@link FeatureExtractor#id()} (for the classifier: its file's SHA-256, input size, resizing, scaling) and the
 * tool version. Both files are written atomically and checked on load (key, checksum); a cache made under another
 * key (another classifier, a re-prepared dataset, another version) or a damaged one is recomputed and replaced.
 */
public final class ReferenceFeatures {
    /** Images handed to the extractor at once. */
    static final int BATCH = 500;
    /** Sub-directory of the dataset holding the cache. */
    public static final String DIRECTORY = "features";
    /** The layout of the feature rows: {@code "GANLABFR"}, version 1. */
    private static final KeyedCacheFile ROWS = new KeyedCacheFile("GANLABFR", 1, "feature rows");

    private ReferenceFeatures() {}

    /**
     * Features of images.
     *
     * @param logits  one row per image, or null when the extractor has no classes
     * @param pool    one row per image, or null when the extractor gives no pool features
     * @param seconds time spent extracting (0 when read from the cache)
     */
    public record Features(float[][] logits, float[][] pool, double seconds) {
        public int count() {
            return logits != null ? logits.length : pool.length;
        }
    }

    /**
     * The train split's reference.
     *
     * @param statistics mean and covariance of its pool features
     * @param pool       its pool features, one row per image
     * @param cached     whether they were read from the cache
     * @param seconds    extraction time (0 from the cache)
     */
    public record Reference(FeatureStatistics statistics, float[][] pool, boolean cached, double seconds) {}

    /** Features of the first {@code limit} images of a split, in batches of {@value #BATCH}. */
    public static Features extract(ImageDataset dataset, DataSplit split, long limit, FeatureExtractor extractor) {
        long n = Math.min(limit, dataset.size(split));
        if (n > Integer.MAX_VALUE - 8) {
            throw new ImageMetricException("feature extraction: " + n + " images are too many for one set");
        }
        ImageShape s = dataset.shape();
        float[][] logits = extractor.classes() > 0 ? new float[(int) n][] : null;
        float[][] pool = extractor.featureDimension() > 0 ? new float[(int) n][] : null;
        long start = System.nanoTime();
        for (long first = 0; first < n; first += BATCH) {
            int b = (int) Math.min(BATCH, n - first);
            byte[] pixels = new byte[b * s.bytes()];
            for (int i = 0; i < b; i++) {
                dataset.image(split, first + i, pixels, i * s.bytes());
            }
            ExtractedFeatures f = extractor.extract(new ImageBatch(b, s.channels(), s.height(), s.width(), pixels));
            if (logits != null) {
                System.arraycopy(f.logits(), 0, logits, (int) first, b);
            }
            if (pool != null) {
                System.arraycopy(f.pool(), 0, pool, (int) first, b);
            }
        }
        return new Features(logits, pool, (System.nanoTime() - start) / 1e9);
    }

    /** The cache key of the train split's reference features. */
    public static String key(ImageDataset dataset, FeatureExtractor extractor) {
        return "dataset=" + dataset.manifest().checksum() + " split=train images=" + dataset.size(DataSplit.TRAIN)
                + " extractor=[" + extractor.id() + "] tool=" + Provenance.version();
    }

    /** The two cache files of an extractor kind ({@code classifier}, ...): statistics and rows. */
    public static Path[] cacheFiles(ImageDataset dataset, FeatureExtractor extractor) {
        String kind = extractor.id().split(" ", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
        Path dir = dataset.dir().resolve(DIRECTORY);
        return new Path[] {dir.resolve("train." + kind + ".fstats"), dir.resolve("train." + kind + ".rows")};
    }

    /**
     * The train split's reference features: from the cache when it holds them under this key, otherwise
     * extracted and cached.
     *
     * @param log says on which path the reference came (read, stale and recomputed, computed)
     */
    public static Reference train(ImageDataset dataset, FeatureExtractor extractor, Consumer<String> log)
            throws IOException {
        if (extractor.featureDimension() < 1) {
            throw new ImageMetricException("reference features: the extractor gives no pool features");
        }
        String key = key(dataset, extractor);
        Path[] files = cacheFiles(dataset, extractor);
        if (Files.isRegularFile(files[0]) && Files.isRegularFile(files[1])) {
            try {
                FeatureStatistics stats = FeatureStatistics.read(files[0], key);
                float[][] rows = readRows(files[1], key);
                if (rows.length != stats.samples()) {
                    throw new ImageMetricException("feature rows " + files[1] + ": " + rows.length
                            + " rows but the statistics count " + stats.samples());
                }
                log.accept("reference features of the train split read from the cache " + files[0].getParent()
                        + " (" + rows.length + " images)");
                return new Reference(stats, rows, true, 0);
            } catch (ImageMetricException e) {
                log.accept("cache not usable (" + e.getMessage() + "): recomputing");
            }
        }
        long n = dataset.size(DataSplit.TRAIN);
        log.accept("computing reference features of the train split (" + n + " images)");
        Features f = extract(dataset, DataSplit.TRAIN, n, extractor);
        FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(extractor.featureDimension());
        acc.add(f.pool());
        FeatureStatistics stats = acc.statistics();
        log.accept(String.format(Locale.ROOT, "extracted %d images in %.1f s (%.0f images/s)", n, f.seconds(),
                n / f.seconds()));
        try {
            writeRows(files[1], key, f.pool());
            stats.write(files[0], key);
            log.accept("cached them in " + files[0].getParent());
        } catch (IOException e) {
            log.accept("warning: could not cache the reference features in " + files[0].getParent() + " ("
                    + e.getMessage() + "); they will be computed again next time");
        }
        return new Reference(stats, f.pool(), false, f.seconds());
    }

    /**
     * Writes feature rows atomically: {@code "GANLABFR"}, format (int), key (modified UTF-8), rows (int), columns
     * (int), the values row by row (floats, big-endian), CRC-32C of everything before (int).
     */
    static void writeRows(Path file, String key, float[][] rows) throws IOException {
        int d = rows.length == 0 ? 0 : rows[0].length;
        ROWS.write(file, key, out -> {
            out.writeInt(rows.length);
            out.writeInt(d);
            for (float[] r : rows) {
                for (float v : r) {
                    out.writeFloat(v);
                }
            }
        });
    }

    /** Reads rows written by {@link #writeRows} under {@code key}; anything else is an ImageMetricException. */
    static float[][] readRows(Path file, String key) throws IOException {
        long size = Files.size(file);
        return ROWS.read(file, key, (in, stale) -> {
            int n = in.readInt();
            int d = in.readInt();
            if (n < 0 || d < 1 || d > 1 << 15 || (long) n * d > size / 4) {
                throw stale.because("damaged header (" + n + " rows of " + d + ")");
            }
            float[][] rows = new float[n][d];
            for (float[] r : rows) {
                for (int j = 0; j < d; j++) {
                    r[j] = in.readFloat();
                }
            }
            return rows;
        });
    }

}
