package io.ganlab.imagegan.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganlab.core.HostCopy;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureStatistics;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domain classifier: training, its file, and the feature extractor built on it. */
class ClassifierTest {
    @TempDir
    static Path dir;

    static ImageDataset dataset;
    static Path file;
    static ClassifierInfo info;

    /** One classifier trained on the 4-quadrant dataset serves every test (a few seconds). */
    @BeforeAll
    static void train() throws IOException {
        dataset = ImageDataset.open(QuadrantImages.prepare(dir, 512, 200, 7));
        file = dir.resolve("quadrants.cls");
        try (NDManager m = NDManager.newBaseManager()) {
            ClassifierTraining.Trained t = ClassifierTraining.train(dataset,
                    new ClassifierTraining.Options(4, 3, 32, 1e-3f, ClassifierNetwork.Architecture.DEFAULT), m,
                    line -> {});
            ClassifierFile.write(file, t.network(), t.info());
            info = t.info();
        }
    }

    // the labels are known by construction, so held-out accuracy is a real check of training
    @Test
    void reachesHeldOutAccuracyOnFourQuadrants() {
        assertTrue(info.heldOutAccuracy() > 0.95, "held-out accuracy " + info.heldOutAccuracy());
        assertEquals(200, info.heldOutImages());
        assertEquals(QuadrantImages.NAMES, info.classNames());
        assertEquals(dataset.manifest().checksum(), info.datasetChecksum());
    }

    // the extractor's argmax agrees with the labels on held-out images as often as training measured
    @Test
    void extractorAgreesWithTheMeasuredAccuracy() {
        try (ClassifierFeatures ex = ClassifierFeatures.open(file)) {
            ReferenceFeatures.Features f = ReferenceFeatures.extract(dataset, DataSplit.VALID, 200, ex);
            int correct = 0;
            for (int i = 0; i < 200; i++) {
                int best = 0;
                for (int k = 1; k < 4; k++) {
                    if (f.logits()[i][k] > f.logits()[i][best]) {
                        best = k;
                    }
                }
                if (best == dataset.label(DataSplit.VALID, i)) {
                    correct++;
                }
            }
            assertEquals(info.heldOutAccuracy(), correct / 200.0, 1e-9);
        }
    }

    // saving and loading changes no parameter: identical logits and features, bit for bit
    @Test
    void saveLoadRoundTripGivesIdenticalOutputs() throws IOException {
        Path again = dir.resolve("again.cls");
        float[] x = new float[8 * 256];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ClassifierFile.Loaded a = ClassifierFile.read(file, m);
            String sha = ClassifierFile.write(again, a.network(), a.info());
            ClassifierFile.Loaded b = ClassifierFile.read(again, m);
            assertEquals(ClassifierFile.sha256(again), sha);
            assertEquals(ClassifierFile.sha256(again), b.sha256());
            NDArray in = HostCopy.floats(m, x, new Shape(8, 1, 16, 16));
            ParameterStore ps = new ParameterStore(m, false);
            NDList oa = a.network().forward(ps, new NDList(in), false);
            NDList ob = b.network().forward(ps, new NDList(in), false);
            assertArrayEquals(oa.get(0).toFloatArray(), ob.get(0).toFloatArray());
            assertArrayEquals(oa.get(1).toFloatArray(), ob.get(1).toFloatArray());
        }
    }

    // a flipped byte anywhere is caught by the stored SHA-256; truncation and non-files get one line too
    @Test
    void damagedFileIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(file);
        for (int at : new int[] {20, good.length / 2, good.length - 40}) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Path p = dir.resolve("damaged-" + at + ".cls");
            Files.write(p, bad);
            ClassifierException e = assertThrows(ClassifierException.class, () -> ClassifierFeatures.open(p));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
        Path cut = dir.resolve("cut.cls");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length - 1000));
        assertTrue(assertThrows(ClassifierException.class, () -> ClassifierFeatures.open(cut)).getMessage()
                .contains("damaged"));
        Path other = dir.resolve("other.cls");
        Files.writeString(other, "hello, this is not a classifier but long enough to have a digest at its end ..");
        assertTrue(assertThrows(ClassifierException.class, () -> ClassifierFeatures.open(other)).getMessage()
                .contains("not a classifier file"));
        assertTrue(assertThrows(ClassifierException.class, () -> ClassifierFeatures.open(dir.resolve("none.cls")))
                .getMessage().contains("no such classifier file"));
    }

    // the statistics of the features do not depend on how the images were cut into batches
    @Test
    void featureStatisticsDoNotDependOnBatchSize() {
        int n = 300;
        byte[] px = new byte[n * 256];
        for (int i = 0; i < n; i++) {
            dataset.image(DataSplit.TRAIN, i, px, i * 256);
        }
        try (ClassifierFeatures ex = ClassifierFeatures.open(file)) {
            FeatureStatistics all = FeatureStatistics.of(ex.extract(new ImageBatch(n, 1, 16, 16, px)).pool());
            for (int size : new int[] {1, 7, 64}) {
                FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(ex.featureDimension());
                for (int first = 0; first < n; first += size) {
                    int b = Math.min(size, n - first);
                    byte[] part = java.util.Arrays.copyOfRange(px, first * 256, (first + b) * 256);
                    acc.add(ex.extract(new ImageBatch(b, 1, 16, 16, part)).pool());
                }
                FeatureStatistics s = acc.statistics();
                double scale = maxAbs(all.covariance());
                for (int i = 0; i < s.dimension(); i++) {
                    assertEquals(all.mean()[i], s.mean()[i], 1e-5 * (1 + Math.abs(all.mean()[i])), "mean " + i);
                    for (int j = 0; j < s.dimension(); j++) {
                        assertEquals(all.covariance()[i][j], s.covariance()[i][j], 1e-5 * scale,
                                "covariance " + i + "," + j + " at batch size " + size);
                    }
                }
            }
        }
    }

    // an image doubled in size (each pixel a 2x2 block) and given as RGB with R = G = B comes back, by the area
    // filter and the BT.601 luma, to the very same 16x16 grey input: same features
    @Test
    void largerRgbImagesAreResizedAndConvertedLikeTheDataset() {
        int n = 5;
        byte[] grey = new byte[n * 256];
        byte[] big = new byte[n * 3 * 32 * 40];               // 32 x 40: the centre 32 x 32 holds the image
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            byte[] img = QuadrantImages.image(i % 4, r);
            System.arraycopy(img, 0, grey, i * 256, 256);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 40; x++) {
                        int sx = x - 4;                        // crop offset (40 - 32) / 2
                        byte v = sx < 0 || sx >= 32 ? (byte) 255 : img[(y / 2) * 16 + sx / 2];
                        big[((i * 3 + c) * 32 + y) * 40 + x] = v;
                    }
                }
            }
        }
        try (ClassifierFeatures ex = ClassifierFeatures.open(file)) {
            ExtractedFeatures a = ex.extract(new ImageBatch(n, 1, 16, 16, grey));
            ExtractedFeatures b = ex.extract(new ImageBatch(n, 3, 32, 40, big));
            for (int i = 0; i < n; i++) {
                assertArrayEquals(a.pool()[i], b.pool()[i], 1e-4f);
                assertArrayEquals(a.logits()[i], b.logits()[i], 1e-4f);
            }
            assertThrows(ImageMetricException.class, () -> ex.extract(new ImageBatch(1, 2, 16, 16, new byte[512])));
        }
    }

    // the id names the file's SHA-256: two classifiers never share a cache
    @Test
    void idNamesTheFileHash() throws IOException {
        try (ClassifierFeatures ex = ClassifierFeatures.open(file)) {
            assertTrue(ex.id().contains(ClassifierFile.sha256(file)), ex.id());
            assertEquals(4, ex.classes());
            assertEquals(128, ex.featureDimension());
        }
    }

    // oneDNN's NaN-gradient hazard concerns channel counts that are not multiples of 16; the input layer has 1
    // channel: its weight gradient (the input needs none) must be finite and not all zero
    @Test
    void oneChannelInputLayerGetsFiniteGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            ClassifierNetwork net = new ClassifierNetwork(ClassifierNetwork.Architecture.DEFAULT,
                    new ImageShape(1, 28, 28), 10);
            net.initialize(m, DataType.FLOAT32, new Shape(64, 1, 28, 28));
            Parameter w = net.getParameters().values().stream().filter(p -> p.getName().equals("weight")).findFirst()
                    .orElseThrow();                                 // the first parameter: conv1's weight
            assertEquals(new Shape(16, 1, 3, 3), w.getArray().getShape());
            ParameterStore ps = new ParameterStore(m, false);
            Random r = new Random(2);
            for (int step = 0; step < 5; step++) {
                float[] x = new float[64 * 28 * 28];
                int[] y = new int[64];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextFloat() * 2 - 1;
                }
                for (int i = 0; i < y.length; i++) {
                    y[i] = r.nextInt(10);
                }
                try (NDManager s = m.newSubManager()) {
                    NDArray in = HostCopy.floats(s, x, new Shape(64, 1, 28, 28));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = net.forward(ps, new NDList(in), true).head();
                        gc.backward(ClassifierTraining.crossEntropy(logits,
                                s.create(y).toType(DataType.INT64, false), 10));
                    }
                    try (NDArray g = w.getArray().getGradient()) {
                        float[] v = g.toFloatArray();
                        double norm = 0;
                        for (float f : v) {
                            assertTrue(Float.isFinite(f), "conv1 weight gradient " + f + " at step " + step);
                            norm += f * f;
                        }
                        assertNotEquals(0.0, norm, "conv1 weight gradient is all zero");
                    }
                    for (Parameter p : net.getParameters().values()) {
                        ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p.getArray());
                    }
                }
            }
        }
    }

    private static double maxAbs(double[][] m) {
        double a = 0;
        for (double[] row : m) {
            for (double v : row) {
                a = Math.max(a, Math.abs(v));
            }
        }
        return a;
    }
}
