package io.ganlab.imagegan.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.common.HashingInputStream;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureStatistics;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's TorchScript model as a feature extractor, driven end to end by tiny linear models made here. */
class TorchScriptFeaturesTest {
    @TempDir
    Path tmp;

    static final int C = 3;
    static final int H = 4;
    static final int W = 5;
    static final int SIZE = C * H * W;
    static final int D = 6;
    static final int K = 4;
    static final float[] PROJ = FakeNetworks.weights(D, SIZE, 0.2, 1);
    static final float[] HEAD = FakeNetworks.weights(K, D, 1.0, 2);

    static byte[] randomImages(int n, int c, int h, int w, long seed) {
        byte[] px = new byte[n * c * h * w];
        new Random(seed).nextBytes(px);
        return px;
    }

    /** Brute force: the model's features of image i, with pixel v scaled to lo + v (hi - lo) / 255. */
    static double[] features(byte[] px, int i, double lo, double hi) {
        double[] f = new double[D];
        for (int j = 0; j < D; j++) {
            for (int p = 0; p < SIZE; p++) {
                f[j] += PROJ[j * SIZE + p] * (lo + (px[i * SIZE + p] & 0xff) * (hi - lo) / 255.0);
            }
        }
        return f;
    }

    static double[] logits(double[] f) {
        double[] l = new double[K];
        for (int k = 0; k < K; k++) {
            for (int j = 0; j < D; j++) {
                l[k] += HEAD[k * D + j] * f[j];
            }
        }
        return l;
    }

    static TorchScriptFeatures.Spec spec(TorchScriptFeatures.Output out) {
        return new TorchScriptFeatures.Spec(new ModelInput(C, H, W, ResizeFilter.BILINEAR, false, -1, 1), out);
    }

    static void assertClose(double[] expected, float[] got, String what) {
        assertEquals(expected.length, got.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], got[j], 1e-4 * (1 + Math.abs(expected[j])), what + "[" + j + "]");
        }
    }

    // images of the declared size go in scaled to the declared range; the model's logits and features come back
    // per image, as a brute-force evaluation of the linear model gives them
    @Test
    void logitsAndFeaturesMatchBruteForce() throws IOException {
        Path file = FakeNetworks.linear(tmp.resolve("lin.pt"), SIZE, PROJ, D, HEAD, K, true);
        byte[] px = randomImages(9, C, H, W, 3);
        try (TorchScriptFeatures ex = TorchScriptFeatures.open(file, spec(TorchScriptFeatures.Output.BOTH))) {
            assertEquals(K, ex.classes());
            assertEquals(D, ex.featureDimension());
            assertEquals(HashingInputStream.sha256(file), ex.sha256());
            assertTrue(ex.id().startsWith("torchscript sha256=" + ex.sha256()), ex.id());
            assertTrue(ex.id().contains("range=-1,1") && ex.id().contains("output=logits,features"), ex.id());
            ExtractedFeatures f = ex.extract(new ImageBatch(9, C, H, W, px));
            for (int i = 0; i < 9; i++) {
                double[] feat = features(px, i, -1, 1);
                assertClose(feat, f.pool()[i], "features of image " + i);
                assertClose(logits(feat), f.logits()[i], "logits of image " + i);
            }
        }
        // declared range 0..255: the raw pixel values
        try (TorchScriptFeatures ex = TorchScriptFeatures.open(file, new TorchScriptFeatures.Spec(
                new ModelInput(C, H, W, ResizeFilter.AREA, false, 0, 255), TorchScriptFeatures.Output.BOTH))) {
            assertClose(features(px, 4, 0, 255), ex.extract(new ImageBatch(9, C, H, W, px)).pool()[4], "raw");
        }
    }

    // a model returning only logits, declared so, gives logits and no features
    @Test
    void logitsOnlyModel() throws IOException {
        Path file = FakeNetworks.linear(tmp.resolve("logits.pt"), SIZE, PROJ, D, HEAD, K, false);
        byte[] px = randomImages(3, C, H, W, 4);
        try (TorchScriptFeatures ex = TorchScriptFeatures.open(file, spec(TorchScriptFeatures.Output.LOGITS))) {
            assertEquals(K, ex.classes());
            assertEquals(0, ex.featureDimension());
            ExtractedFeatures f = ex.extract(new ImageBatch(3, C, H, W, px));
            assertNull(f.pool());
            assertClose(logits(features(px, 2, -1, 1)), f.logits()[2], "logits");
        }
    }

    // images twice the size, each pixel a 2x2 block, come back to the same input by the area filter, and a grey
    // image given to a 3-channel model is its plane replicated: the same features either way
    @Test
    void otherSizesAndGreyImagesArePreparedAsDeclared() throws IOException {
        Path file = FakeNetworks.linear(tmp.resolve("lin.pt"), SIZE, PROJ, D, HEAD, K, true);
        int n = 4;
        byte[] grey = randomImages(n, 1, H, W, 5);
        byte[] rgb = new byte[n * SIZE];
        byte[] big = new byte[n * 2 * H * 2 * W];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < C; c++) {
                System.arraycopy(grey, i * H * W, rgb, (i * C + c) * H * W, H * W);
            }
            for (int y = 0; y < 2 * H; y++) {
                for (int x = 0; x < 2 * W; x++) {
                    big[(i * 2 * H + y) * 2 * W + x] = grey[(i * H + y / 2) * W + x / 2];
                }
            }
        }
        try (TorchScriptFeatures ex = TorchScriptFeatures.open(file, new TorchScriptFeatures.Spec(
                new ModelInput(C, H, W, ResizeFilter.AREA, false, -1, 1), TorchScriptFeatures.Output.BOTH))) {
            ExtractedFeatures a = ex.extract(new ImageBatch(n, C, H, W, rgb));
            ExtractedFeatures b = ex.extract(new ImageBatch(n, 1, H, W, grey));
            ExtractedFeatures c = ex.extract(new ImageBatch(n, 1, 2 * H, 2 * W, big));
            for (int i = 0; i < n; i++) {
                assertClose(features(rgb, i, -1, 1), a.pool()[i], "rgb");
                assertArrayEquals(a.pool()[i], b.pool()[i], 1e-5f);
                assertArrayEquals(a.pool()[i], c.pool()[i], 1e-5f);
            }
            assertThrows(ImageMetricException.class, () -> ex.extract(new ImageBatch(1, 2, H, W, new byte[2 * H * W])));
        }
    }

    // the statistics of the features do not depend on how the images were cut into batches
    @Test
    void statisticsDoNotDependOnBatchSize() throws IOException {
        Path file = FakeNetworks.linear(tmp.resolve("lin.pt"), SIZE, PROJ, D, HEAD, K, true);
        int n = 200;
        byte[] px = randomImages(n, C, H, W, 6);
        try (TorchScriptFeatures ex = TorchScriptFeatures.open(file, spec(TorchScriptFeatures.Output.BOTH))) {
            FeatureStatistics all = FeatureStatistics.of(ex.extract(new ImageBatch(n, C, H, W, px)).pool());
            for (int size : new int[] {1, 7, 64}) {
                FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(D);
                for (int first = 0; first < n; first += size) {
                    int b = Math.min(size, n - first);
                    acc.add(ex.extract(new ImageBatch(b, C, H, W,
                            Arrays.copyOfRange(px, first * SIZE, (first + b) * SIZE))).pool());
                }
                FeatureStatistics s = acc.statistics();
                for (int i = 0; i < D; i++) {
                    assertEquals(all.mean()[i], s.mean()[i], 1e-6 * (1 + Math.abs(all.mean()[i])));
                    for (int j = 0; j < D; j++) {
                        assertEquals(all.covariance()[i][j], s.covariance()[i][j], 1e-6, "batch size " + size);
                    }
                }
            }
        }
    }

    // a missing file, one that is not TorchScript, a truncated one, and a model that does not return what was
    // declared: each one line naming the file
    @Test
    void badFilesAndWrongDeclarationsAreOneLine() throws IOException {
        Path missing = tmp.resolve("none.pt");
        assertEquals("TorchScript model " + missing + ": no such file", assertThrows(ImageMetricException.class,
                () -> TorchScriptFeatures.open(missing, spec(TorchScriptFeatures.Output.BOTH))).getMessage());
        Path text = Files.writeString(tmp.resolve("text.pt"), "not a model");
        String m1 = assertThrows(ImageMetricException.class,
                () -> TorchScriptFeatures.open(text, spec(TorchScriptFeatures.Output.BOTH))).getMessage();
        assertTrue(m1.startsWith(text + ": not a TorchScript model that libtorch can load ("), m1);
        Path good = FakeNetworks.linear(tmp.resolve("lin.pt"), SIZE, PROJ, D, HEAD, K, true);
        byte[] all = Files.readAllBytes(good);
        Path cut = Files.write(tmp.resolve("cut.pt"), Arrays.copyOf(all, all.length / 2));
        String m2 = assertThrows(ImageMetricException.class,
                () -> TorchScriptFeatures.open(cut, spec(TorchScriptFeatures.Output.BOTH))).getMessage();
        assertTrue(m2.startsWith(cut + ": not a TorchScript model"), m2);
        String m3 = assertThrows(ImageMetricException.class,
                () -> TorchScriptFeatures.open(good, spec(TorchScriptFeatures.Output.LOGITS))).getMessage();
        assertEquals(good + ": forward returned 2 tensors; --output logits declares 1", m3);
        Path single = FakeNetworks.linear(tmp.resolve("single.pt"), SIZE, PROJ, D, HEAD, K, false);
        String m4 = assertThrows(ImageMetricException.class,
                () -> TorchScriptFeatures.open(single, spec(TorchScriptFeatures.Output.BOTH))).getMessage();
        assertEquals(single + ": forward returned 1 tensors; --output logits,features declares 2", m4);
        // a declared input size the model cannot take fails in its forward, on the probe batch
        String m5 = assertThrows(ImageMetricException.class, () -> TorchScriptFeatures.open(good,
                new TorchScriptFeatures.Spec(new ModelInput(C, 8, 8, ResizeFilter.AREA, false, -1, 1),
                        TorchScriptFeatures.Output.BOTH))).getMessage();
        assertTrue(m5.startsWith(good + ": forward failed on input (2, 3, 8, 8) ("), m5);
        for (String m : new String[] {m1, m2, m3, m4, m5}) {
            assertFalse(m.contains("\n"), m);
        }
    }
}
