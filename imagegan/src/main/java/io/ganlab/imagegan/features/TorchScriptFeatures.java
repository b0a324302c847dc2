package io.ganlab.imagegan.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.HostCopy;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Any TorchScript model as a {@link FeatureExtractor}, given what it takes and what it returns.
 *
 * <p>The model's {@code forward(x)} gets a float32 tensor {@code (N, C, H, W)} made by {@link ModelInput} (channel
 * conversion, resizing with a named filter, scaling to a declared range) and returns, per {@link Output}, class
 * logits {@code (N, K)}, features {@code (N, d)}, or a tuple {@code (logits, features)}. {@code K} and {@code d}
 * are read from a probe batch when the model is opened, so a model that does not return what was declared is
 * refused at once, with one line. The id names the file's SHA-256 and every declared option, so cached reference
 * features are never reused across models or preparations.
 */
public final class TorchScriptFeatures implements FeatureExtractor {
    /** Floats of prepared input handed to one forward pass at most (64 MB). */
    static final int CHUNK_FLOATS = 1 << 24;

    /** What {@code forward} returns. */
    public enum Output {
        /** One tensor of class logits {@code (N, K)}: for the score (the inception-score formula). */
        LOGITS("logits"),
        /** One tensor of features {@code (N, d)}: for FID and KID. */
        FEATURES("features"),
        /** A tuple {@code (logits, features)}. */
        BOTH("logits,features");

        private final String id;

        Output(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** The output named {@code id}, or an IllegalArgumentException listing the names. */
        public static Output of(String id) {
            for (Output o : values()) {
                if (o.id.equals(id.replace(" ", ""))) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown output '" + id + "'; choose logits, features or logits,features");
        }
    }

    /**
     * What the user declares about a model.
     *
     * @param input  how images become its input
     * @param output what its forward returns
     */
    public record Spec(ModelInput input, Output output) {}

    private final TorchScriptModel model;
    private final Spec spec;
    private final int classes;
    private final int features;

    private TorchScriptFeatures(TorchScriptModel model, Spec spec) {
        this.model = model;
        this.spec = spec;
        float[][][] probe = run(new ImageBatch(2, spec.input().channels(), spec.input().height(),
                spec.input().width(), probePixels(spec.input().size())), -1, -1);
        this.classes = probe[0] == null ? 0 : probe[0][0].length;
        this.features = probe[1] == null ? 0 : probe[1][0].length;
    }

    /**
     * Loads the model and runs it once on a probe batch of two images of the declared input size; a missing file,
     * one libtorch cannot load, or a model that does not return what {@code spec} declares is one line.
     */
    public static TorchScriptFeatures open(Path file, Spec spec) {
        String sha = TorchScriptModel.sha256(file, "TorchScript model " + file + ": no such file");
        TorchScriptModel model = TorchScriptModel.load(file, sha, "model");
        try {
            return new TorchScriptFeatures(model, spec);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Two images: a ramp over the pixel values and its reverse. */
    private static byte[] probePixels(int size) {
        byte[] px = new byte[2 * size];
        for (int i = 0; i < size; i++) {
            px[i] = (byte) (i * 255L / Math.max(1, size - 1));
            px[size + i] = (byte) (255 - (px[i] & 0xff));
        }
        return px;
    }

    public String sha256() {
        return model.sha256();
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String id() {
        return "torchscript sha256=" + model.sha256() + " input=" + spec.input().describe() + " output="
                + spec.output().id();
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int featureDimension() {
        return features;
    }

    @Override
    public ExtractedFeatures extract(ImageBatch images) {
        float[][][] r = run(images, classes, features);
        return new ExtractedFeatures(r[0], r[1]);
    }

    /** Logits and features of every image (null where the model gives none), row lengths checked when positive. */
    private float[][][] run(ImageBatch images, int k, int d) {
        ModelInput in = spec.input();
        int n = images.count();
        boolean wantLogits = spec.output() != Output.FEATURES;
        boolean wantPool = spec.output() != Output.LOGITS;
        float[][] logits = wantLogits ? new float[n][] : null;
        float[][] pool = wantPool ? new float[n][] : null;
        int chunk = Math.max(1, Math.min(n, CHUNK_FLOATS / in.size()));
        for (int first = 0; first < n; first += chunk) {
            int b = Math.min(chunk, n - first);
            float[] x = in.prepare(images, first, b, "TorchScript model " + model.file());
            try (NDManager step = model.step()) {
                NDArray input = HostCopy.floats(step, x, new Shape(b, in.channels(), in.height(), in.width()));
                List<NDArray> out = model.forward(step, input);
                int expected = spec.output() == Output.BOTH ? 2 : 1;
                if (out.size() != expected) {
                    throw new ImageMetricException(model.file() + ": forward returned " + out.size()
                            + " tensors; --output " + spec.output().id() + " declares " + expected);
                }
                if (wantLogits) {
                    System.arraycopy(model.rows(out.get(0), b, k, "logits"), 0, logits, first, b);
                }
                if (wantPool) {
                    System.arraycopy(model.rows(out.get(expected - 1), b, d, "features"), 0, pool, first, b);
                }
            }
        }
        return new float[][][] {logits, pool};
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TorchScriptFeatures(%s, %s, %d classes, %d features)",
                model.sha256().substring(0, 12), spec.input().describe(), classes, features);
    }
}
