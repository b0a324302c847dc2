package io.ganlab.imagegan.classifier;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.ganlab.core.HostCopy;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import io.ganlab.imagegan.data.ImageShape;
import java.nio.file.Path;

/**
 * A trained domain classifier as a {@link FeatureExtractor}: its logits (for the "classifier score", the
 * inception-score formula on its softmax) and its penultimate features (for "classifier FID/KID").
 *
 * <p>Images are brought to the classifier's input as {@code gan images prepare} brings images to a dataset:
 * <ol>
 *   <li>channels: 3 to 1 by the BT.601 luma {@code (299 R + 587 G + 114 B + 500) / 1000} in integers, 1 to 3 by
 *       replication (other counts are refused);</li>
 *   <li>size: an image of another size is centre-cropped to its largest square (offset rounded down) and resized
 *       to the input size with the area (box) filter: output pixel {@code i} averages the input interval
 *       {@code [i s/n, (i+1) s/n)}, each input pixel weighted by its overlap. Unlike the preparation, the result
 *       is kept in floating point, not rounded to 8 bits. Only square classifier inputs take other sizes;</li>
 *   <li>scaling {@code x / 127.5 - 1}, as in training.</li>
 * </ol>
 * Images go through the network in chunks of {@link #CHUNK}; the features of an image do not depend on which
 * other images share its chunk, up to the rounding of libtorch's kernels.
 */
public final class ClassifierFeatures implements FeatureExtractor {
    /** Images per forward pass. */
    public static final int CHUNK = 256;

    private final NDManager manager;
    private final ClassifierNetwork network;
    private final ClassifierInfo info;
    private final String sha256;
    private final ImageShape input;

    private ClassifierFeatures(NDManager manager, ClassifierFile.Loaded loaded) {
        this.manager = manager;
        this.network = loaded.network();
        this.info = loaded.info();
        this.sha256 = loaded.sha256();
        this.input = network.input();
    }

    /** Loads a classifier file (checked whole; a damaged one is refused with one line). */
    public static ClassifierFeatures open(Path file) {
        NDManager manager = NDManager.newBaseManager();
        try {
            return new ClassifierFeatures(manager, ClassifierFile.read(file, manager));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ClassifierInfo info() {
        return info;
    }

    /** The SHA-256 of the classifier file: its identity. */
    public String sha256() {
        return sha256;
    }

    /** The classifier's input shape (its training dataset's image shape). */
    public ImageShape input() {
        return input;
    }

    @Override
    public String id() {
        return "classifier sha256=" + sha256 + " input=" + input + " resize=centre-crop+area channels=bt601/replicate"
                + " scale=" + ClassifierInfo.SCALING;
    }

    @Override
    public int classes() {
        return network.classes();
    }

    @Override
    public int featureDimension() {
        return network.architecture().features();
    }

    @Override
    public ExtractedFeatures extract(ImageBatch images) {
        if (images.channels() != 1 && images.channels() != 3) {
            throw new ImageMetricException("classifier features: images with " + images.channels()
                    + " channels; only 1 (grey) and 3 (RGB) are taken");
        }
        boolean sameSize = images.height() == input.height() && images.width() == input.width();
        if (!sameSize && input.height() != input.width()) {
            throw new ImageMetricException("classifier features: images of " + images.height() + "x" + images.width()
                    + " for a classifier of non-square input " + input + "; give images of its own size");
        }
        Resize rows = sameSize ? null : Resize.of(Math.min(images.height(), images.width()), input.height());
        int n = images.count();
        float[][] logits = new float[n][];
        float[][] pool = new float[n][];
        int px = input.bytes();
        ParameterStore ps = new ParameterStore(manager, false);
        for (int first = 0; first < n; first += CHUNK) {
            int b = Math.min(CHUNK, n - first);
            float[] x = new float[b * px];
            for (int i = 0; i < b; i++) {
                toInput(images, first + i, rows, x, i * px);
            }
            try (NDManager step = manager.newSubManager()) {
                NDList out = network.forward(ps, new NDList(HostCopy.floats(step, x,
                        new Shape(b, input.channels(), input.height(), input.width()))), false);
                float[] l = out.get(0).toFloatArray();                                 // (b, K)
                float[] f = out.get(1).toFloatArray();                                 // (b, d)
                int k = classes();
                int d = featureDimension();
                for (int i = 0; i < b; i++) {
                    logits[first + i] = java.util.Arrays.copyOfRange(l, i * k, (i + 1) * k);
                    pool[first + i] = java.util.Arrays.copyOfRange(f, i * d, (i + 1) * d);
                }
            }
        }
        return new ExtractedFeatures(logits, pool);
    }

    /** Image {@code n} of the batch, converted, resized and scaled, into {@code out} at {@code off} (C, H, W). */
    private void toInput(ImageBatch images, int n, Resize resize, float[] out, int off) {
        int h = images.height();
        int w = images.width();
        double[] grey = null;
        int planes = images.channels();
        double[][] src = new double[planes][];
        if (planes == 3 && input.channels() == 1) {
            grey = new double[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int r = images.pixel(n, 0, y, x);
                    int g = images.pixel(n, 1, y, x);
                    int bl = images.pixel(n, 2, y, x);
                    grey[y * w + x] = (299 * r + 587 * g + 114 * bl + 500) / 1000;   // integer, as the dataset
                }
            }
            src = new double[][] {grey};
        } else {
            for (int c = 0; c < planes; c++) {
                src[c] = new double[h * w];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        src[c][y * w + x] = images.pixel(n, c, y, x);
                    }
                }
            }
        }
        int hw = input.height() * input.width();
        for (int c = 0; c < input.channels(); c++) {
            double[] plane = src[Math.min(c, src.length - 1)];   // 1 -> 3: replicate the grey plane
            double[] sized = resize == null ? plane : resize.apply(plane, h, w);
            for (int i = 0; i < hw; i++) {
                out[off + c * hw + i] = (float) (sized[i] / 127.5 - 1.0);
            }
        }
    }

    /**
     * Centre crop to the largest square, then the area filter from side {@code s} to side {@code n}; weights
     * {@code weight[i][j]} of input {@code first[i] + j} for output {@code i}, summing to 1.
     */
    record Resize(int s, int n, int[] first, double[][] weight) {
        static Resize of(int s, int n) {
            int[] first = new int[n];
            double[][] weight = new double[n][];
            for (int i = 0; i < n; i++) {
                long lo = (long) i * s;            // in units of 1/n
                long hi = (long) (i + 1) * s;
                int j0 = (int) (lo / n);
                int j1 = (int) ((hi + n - 1) / n);
                first[i] = j0;
                weight[i] = new double[j1 - j0];
                for (int j = j0; j < j1; j++) {
                    long a = Math.max(lo, (long) j * n);
                    long b = Math.min(hi, (long) (j + 1) * n);
                    weight[i][j - j0] = (double) (b - a) / s;
                }
            }
            return new Resize(s, n, first, weight);
        }

        /** The {@code n x n} plane of the centre square of an {@code h x w} plane. */
        double[] apply(double[] plane, int h, int w) {
            int oy = (h - s) / 2;
            int ox = (w - s) / 2;
            double[] cols = new double[s * n];                     // (s rows, n columns)
            for (int y = 0; y < s; y++) {
                for (int i = 0; i < n; i++) {
                    double v = 0;
                    for (int j = 0; j < weight[i].length; j++) {
                        v += weight[i][j] * plane[(oy + y) * w + ox + first[i] + j];
                    }
                    cols[y * n + i] = v;
                }
            }
            double[] out = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int x = 0; x < n; x++) {
                    double v = 0;
                    for (int j = 0; j < weight[i].length; j++) {
                        v += weight[i][j] * cols[(first[i] + j) * n + x];
                    }
                    out[i * n + x] = v;
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "ClassifierFeatures(" + network + ", sha256 " + sha256.substring(0, 12) + ")";
    }
}
