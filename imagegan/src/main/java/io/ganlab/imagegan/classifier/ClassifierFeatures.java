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
import io.ganlab.imagegan.features.ModelInput;
import io.ganlab.imagegan.features.ResizeFilter;
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
    private final ModelInput prepare;

    private ClassifierFeatures(NDManager manager, ClassifierFile.Loaded loaded) {
        this.manager = manager;
        this.network = loaded.network();
        this.info = loaded.info();
        this.sha256 = loaded.sha256();
        this.input = network.input();
        // the dataset's own preparation (centre crop, area filter) for images of another size; square inputs only
        this.prepare = new ModelInput(input.channels(), input.height(), input.width(), ResizeFilter.AREA,
                input.height() == input.width(), -1, 1);
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
        boolean sameSize = images.height() == input.height() && images.width() == input.width();
        if (!sameSize && !prepare.centreCrop()) {
            throw new ImageMetricException("classifier features: images of " + images.height() + "x" + images.width()
                    + " for a classifier of non-square input " + input + "; give images of its own size");
        }
        int n = images.count();
        float[][] logits = new float[n][];
        float[][] pool = new float[n][];
        int px = input.bytes();
        ParameterStore ps = new ParameterStore(manager, false);
        for (int first = 0; first < n; first += CHUNK) {
            int b = Math.min(CHUNK, n - first);
            float[] x = prepare.prepare(images, first, b, "classifier features");
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

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "ClassifierFeatures(" + network + ", sha256 " + sha256.substring(0, 12) + ")";
    }
}
