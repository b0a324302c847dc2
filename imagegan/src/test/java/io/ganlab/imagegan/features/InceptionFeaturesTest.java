package io.ganlab.imagegan.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.common.HashingInputStream;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureStatistics;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import io.ganlab.eval.image.InceptionScore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Inception path (checksum, calling convention, grey to RGB, logits without the output bias) driven by an
 * Inception-shaped fake: the real network's forward signature, 2048 features and 1008 classes, but a network small
 * enough to compute by brute force here. Its checksum goes in through the package-private seam.
 */
class InceptionFeaturesTest {
    @TempDir
    static Path tmp;

    static final int F = InceptionFeatures.FEATURES;
    static final int K = InceptionFeatures.CLASSES;
    static final float[] PROJ = FakeNetworks.weights(F, 3, 1.0, 7);
    static final float[] WEIGHT = FakeNetworks.weights(K, F, 0.05, 8);
    static final float[] BIAS = FakeNetworks.weights(K, 1, 3.0, 9);

    static Path fake;
    static String fakeSha;

    @BeforeAll
    static void writeFake() throws IOException {
        fake = FakeNetworks.inception(tmp.resolve("fake-inception.pt"), PROJ, WEIGHT, BIAS, K, FakeNetworks.Flaw.NONE);
        fakeSha = HashingInputStream.sha256(fake);
    }

    /** Brute force: the fake's features of an image given as planes (grey planes stand for all three channels). */
    static double[] features(byte[] px, int n, int c, int h, int w) {
        double[] mean = new double[3];
        for (int ch = 0; ch < 3; ch++) {
            int plane = (n * c + Math.min(ch, c - 1)) * h * w;
            for (int i = 0; i < h * w; i++) {
                mean[ch] += ((px[plane + i] & 0xff) - 128) / 128.0;
            }
            mean[ch] /= h * w;
        }
        double[] f = new double[F];
        for (int j = 0; j < F; j++) {
            for (int ch = 0; ch < 3; ch++) {
                f[j] += PROJ[j * 3 + ch] * mean[ch];
            }
        }
        return f;
    }

    /** The logits the inception score takes: the output layer without its bias. */
    static double[] logits(double[] f) {
        double[] l = new double[K];
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < F; j++) {
                l[k] += WEIGHT[k * F + j] * f[j];
            }
        }
        return l;
    }

    static void assertClose(double[] expected, float[] got, String what) {
        assertEquals(expected.length, got.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], got[j], 1e-4 * (1 + Math.abs(expected[j])), what + "[" + j + "]");
        }
    }

    // RGB and grey images of any size: the pool features of forward(return_features=True) and the logits of the
    // output layer without bias, as the brute force computes them; grey images are the same as their RGB copies
    @Test
    void featuresAndBiaslessLogitsMatchBruteForce() {
        Random r = new Random(3);
        byte[] rgb = new byte[5 * 3 * 9 * 7];
        r.nextBytes(rgb);
        byte[] grey = new byte[5 * 9 * 7];
        r.nextBytes(grey);
        try (InceptionFeatures ex = InceptionFeatures.open(fake, fakeSha)) {
            assertEquals(K, ex.classes());
            assertEquals(F, ex.featureDimension());
            assertTrue(ex.id().startsWith("inception sha256=" + fakeSha), ex.id());
            ExtractedFeatures a = ex.extract(new ImageBatch(5, 3, 9, 7, rgb));
            ExtractedFeatures b = ex.extract(new ImageBatch(5, 1, 9, 7, grey));
            byte[] replicated = new byte[rgb.length];
            for (int i = 0; i < 5; i++) {
                double[] fa = features(rgb, i, 3, 9, 7);
                assertClose(fa, a.pool()[i], "features of RGB image " + i);
                assertClose(logits(fa), a.logits()[i], "logits of RGB image " + i);
                double[] fb = features(grey, i, 1, 9, 7);
                assertClose(fb, b.pool()[i], "features of grey image " + i);
                assertClose(logits(fb), b.logits()[i], "logits of grey image " + i);
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(grey, i * 63, replicated, (i * 3 + c) * 63, 63);
                }
            }
            ExtractedFeatures c = ex.extract(new ImageBatch(5, 3, 9, 7, replicated));
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(b.pool()[i], c.pool()[i], 0f);
            }
        }
    }

    // the score does not depend on the batch size: logits and feature statistics from batches of 1, 7 and 100 agree
    // (more than CHUNK images also crosses the extractor's own chunks)
    @Test
    void scoresDoNotDependOnBatchSize() {
        int n = 100;
        byte[] px = new byte[n * 3 * 8 * 8];
        new Random(4).nextBytes(px);
        try (InceptionFeatures ex = InceptionFeatures.open(fake, fakeSha)) {
            ExtractedFeatures all = ex.extract(new ImageBatch(n, 3, 8, 8, px));
            InceptionScore.Result isAll = InceptionScore.fromLogits(all.logits());
            FeatureStatistics stAll = FeatureStatistics.of(all.pool());
            for (int size : new int[] {1, 7}) {
                float[][] logits = new float[n][];
                FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(F);
                for (int first = 0; first < n; first += size) {
                    int b = Math.min(size, n - first);
                    ExtractedFeatures e = ex.extract(new ImageBatch(b, 3, 8, 8,
                            Arrays.copyOfRange(px, first * 192, (first + b) * 192)));
                    System.arraycopy(e.logits(), 0, logits, first, b);
                    acc.add(e.pool());
                }
                assertEquals(isAll.score(), InceptionScore.fromLogits(logits).score(), 1e-6 * isAll.score());
                FeatureStatistics st = acc.statistics();
                for (int i = 0; i < F; i += 97) {
                    assertEquals(stAll.mean()[i], st.mean()[i], 1e-6);
                    assertEquals(stAll.covariance()[i][i], st.covariance()[i][i], 1e-6);
                }
            }
        }
    }

    // the file is checked before it is used: missing and different files are one line saying what to do
    @Test
    void missingAndDifferentFilesAreOneLine() throws IOException {
        Path missing = tmp.resolve("nowhere/inception-2015-12-05.pt");
        String m1 = assertThrows(ImageMetricException.class, () -> InceptionFeatures.open(missing)).getMessage();
        assertEquals("Inception network " + missing + ": no such file; nothing is downloaded here: get "
                + "inception-2015-12-05.pt from " + InceptionFeatures.URL + " (SHA-256 " + InceptionFeatures.SHA256
                + ")", m1);
        String m2 = assertThrows(ImageMetricException.class, () -> InceptionFeatures.open(fake)).getMessage();
        assertEquals("Inception network " + fake + ": SHA-256 " + fakeSha + ", not that of inception-2015-12-05.pt ("
                + InceptionFeatures.SHA256 + "): a different or damaged file; get it again from "
                + InceptionFeatures.URL, m2);
        // a damaged copy of the (fake) right file: its checksum no longer matches
        byte[] b = Files.readAllBytes(fake);
        b[b.length / 3] ^= 0x10;
        Path damaged = Files.write(tmp.resolve("damaged.pt"), b);
        String m3 = assertThrows(ImageMetricException.class, () -> InceptionFeatures.open(damaged, fakeSha))
                .getMessage();
        assertTrue(m3.contains(": SHA-256 ") && m3.contains("a different or damaged file"), m3);
        assertEquals(Path.of("/x/y.pt"), InceptionFeatures.resolve("/x/y.pt", Map.of(InceptionFeatures.ENV, "/z")));
        assertEquals(Path.of("/z"), InceptionFeatures.resolve(null, Map.of(InceptionFeatures.ENV, "/z")));
        String m4 = assertThrows(ImageMetricException.class, () -> InceptionFeatures.resolve("", Map.of()))
                .getMessage();
        assertTrue(m4.startsWith("no Inception network given: pass --features inception:FILE or set "
                + "GANLAB_INCEPTION"), m4);
    }

    // a file with the right checksum that breaks the calling convention is refused by the probe: forward ignoring
    // no_output_bias, ignoring return_features, or with another number of classes
    @Test
    void networksThatBreakTheConventionAreRefused() throws IOException {
        Path noBias = FakeNetworks.inception(tmp.resolve("bias.pt"), PROJ, WEIGHT, BIAS, K,
                FakeNetworks.Flaw.IGNORES_NO_OUTPUT_BIAS);
        String m1 = assertThrows(ImageMetricException.class,
                () -> InceptionFeatures.open(noBias, HashingInputStream.sha256(noBias))).getMessage();
        assertTrue(m1.contains("does not behave like inception-2015-12-05.pt (its no_output_bias probability"), m1);
        Path noFeatures = FakeNetworks.inception(tmp.resolve("nofeat.pt"), PROJ, WEIGHT, BIAS, K,
                FakeNetworks.Flaw.IGNORES_RETURN_FEATURES);
        String m2 = assertThrows(ImageMetricException.class,
                () -> InceptionFeatures.open(noFeatures, HashingInputStream.sha256(noFeatures))).getMessage();
        assertTrue(m2.contains("does not behave like") && m2.contains("pool features of shape (2, 1008)"), m2);
        Path thousand = FakeNetworks.inception(tmp.resolve("1000.pt"), PROJ, Arrays.copyOf(WEIGHT, 1000 * F),
                Arrays.copyOf(BIAS, 1000), 1000, FakeNetworks.Flaw.NONE);
        String m3 = assertThrows(ImageMetricException.class,
                () -> InceptionFeatures.open(thousand, HashingInputStream.sha256(thousand))).getMessage();
        assertTrue(m3.contains("its output.weight is of shape (1000, 2048)"), m3);
        for (String m : new String[] {m1, m2, m3}) {
            assertFalse(m.contains("\n"), m);
        }
    }
}
