package io.ganlab.imagegan.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ganlab.core.HostCopy;
import io.ganlab.eval.image.ExtractedFeatures;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.ImageBatch;
import io.ganlab.eval.image.ImageMetricException;
import java.nio.file.Path;
import java.util.List;

/**
 * The community's Inception v3 (the 2015-12-05 TensorFlow graph) as a {@link FeatureExtractor}, run from the
 * TorchScript file the user supplies: NVIDIA's translation {@value #FILE_NAME}, used by the StyleGAN2-ADA and
 * StyleGAN3 metrics and by clean-fid. Nothing is downloaded.
 *
 * <p>The file is checked before it is used: it must exist and have SHA-256 {@value #SHA256}. That digest is not
 * published by NVIDIA next to the file; it is the one that k-diffusion pins for this URL
 * ({@code crowsonkb/k-diffusion}, {@code k_diffusion/evaluation.py}, checked with {@code hashlib.sha256} by
 * {@code k_diffusion/utils.py download_file}), and other projects pin the same value. After loading, a probe batch
 * checks what the code below relies on: 2048 pool features, 1008 classes, and that our logits reproduce the
 * network's own {@code no_output_bias} probabilities.
 *
 * <p>The calling convention, as the file's own code and its users show it (NVlabs/stylegan2-ada-pytorch
 * {@code metrics/metric_utils.py}, {@code frechet_inception_distance.py}, {@code inception_score.py};
 * GaParmar/clean-fid {@code cleanfid/inception_torchscript.py}; the module's code as printed by TorchScript and
 * quoted in several ports):
 * <ul>
 *   <li>{@code forward(img, return_features=False, use_fp16=False, no_output_bias=False)}, {@code img} of shape
 *       {@code (N, 3, H, W)} with values 0..255 (StyleGAN feeds uint8; the code casts to float32 itself);</li>
 *   <li>the network resizes to 299 x 299 itself, for any H and W: {@code affine_grid} + {@code grid_sample}
 *       (bilinear, border padding, align_corners=False) with the grid shifted by {@code 1/W - 1/299} (and
 *       {@code 1/H - 1/299}), which samples input position {@code i W / 299}: TensorFlow 1's
 *       {@code resize_bilinear} without corner alignment, as the original graph did. Then it scales
 *       {@code (x - 128) / 128}. So images go in at their own size and no resizing happens here;</li>
 *   <li>{@code return_features=True} returns the 2048 pool features (FID, KID: StyleGAN's
 *       {@code detector_kwargs = dict(return_features=True)});</li>
 *   <li>otherwise it returns the softmax over 1008 classes of {@code output(features)}; with
 *       {@code no_output_bias=True} the linear layer's bias is left out, as in the original TensorFlow inception
 *       score code, and StyleGAN's inception score passes exactly that.</li>
 * </ul>
 * One forward pass with {@code return_features=True} gives the pool features; the logits are
 * {@code features · output.weight^T} (no bias) computed here from the module's own weight, which is what the
 * network's {@code no_output_bias} softmax is taken of, so the score needs no second pass. Grey images are
 * replicated to 3 channels.
 */
public final class InceptionFeatures implements FeatureExtractor {
    public static final String FILE_NAME = "inception-2015-12-05.pt";
    public static final String URL =
            "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metrics/" + FILE_NAME;
    /** SHA-256 of {@value #FILE_NAME} as pinned by k-diffusion (see the class comment). */
    public static final String SHA256 = "f58cb9b6ec323ed63459aa4fb441fe750cfe39fafad6da5cb504a16f19e958f4";
    /** The environment variable naming the file when {@code --features inception} has none. */
    public static final String ENV = "GANLAB_INCEPTION";
    public static final int CLASSES = 1008;
    public static final int FEATURES = 2048;
    /** Images per forward pass (StyleGAN's metrics use 64; half keeps the activations near 300 MB). */
    static final int CHUNK = 32;
    /** The largest difference allowed between our softmax and the network's on the probe batch. */
    static final double PROBE_TOLERANCE = 1e-4;

    private final TorchScriptModel model;
    private final NDArray outputWeight;                                      // (1008, 2048)

    private InceptionFeatures(TorchScriptModel model) {
        this.model = model;
        NDArray w = model.parameter("output.weight");
        if (w == null || !w.getShape().equals(new Shape(CLASSES, FEATURES))) {
            throw notTheNetwork("its output.weight is " + (w == null ? "missing" : "of shape " + w.getShape()));
        }
        this.outputWeight = w;
        probe();
    }

    /** Opens the file after checking its SHA-256 against {@link #SHA256}. */
    public static InceptionFeatures open(Path file) {
        return open(file, SHA256);
    }

    /**
     * Checks that {@code file} is the Inception file (it exists and has its SHA-256) without loading it, so that a
     * command can refuse a wrong file before it starts work; one line saying what is wrong otherwise.
     */
    public static void check(Path file) {
        check(file, SHA256);
    }

    private static String check(Path file, String expectedSha256) {
        String sha = TorchScriptModel.sha256(file, "Inception network " + file + ": no such file; nothing is"
                + " downloaded here: get " + FILE_NAME + " from " + URL + " (SHA-256 " + SHA256 + ")");
        if (!sha.equals(expectedSha256)) {
            throw new ImageMetricException("Inception network " + file + ": SHA-256 " + sha + ", not that of "
                    + FILE_NAME + " (" + expectedSha256 + "): a different or damaged file; get it again from " + URL);
        }
        return sha;
    }

    /** The seam of the tests: opens {@code file} if its SHA-256 is {@code expectedSha256}. */
    static InceptionFeatures open(Path file, String expectedSha256) {
        String sha = check(file, expectedSha256);
        TorchScriptModel model = TorchScriptModel.load(file, sha, "Inception network");
        try {
            return new InceptionFeatures(model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The file to use: {@code explicit} when given, else the environment's {@value #ENV}, else one line saying how. */
    public static Path resolve(String explicit, java.util.Map<String, String> env) {
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            throw new ImageMetricException("no Inception network given: pass --features inception:FILE or set " + ENV
                    + " to the path of " + FILE_NAME + " (get it from " + URL + ", SHA-256 " + SHA256 + ")");
        }
        return Path.of(v);
    }

    private ImageMetricException notTheNetwork(String why) {
        return new ImageMetricException("Inception network " + model.file() + ": has the expected SHA-256 but does"
                + " not behave like " + FILE_NAME + " (" + why + ")");
    }

    /**
     * Two 3 x 40 x 24 images (not 299 x 299: the network must resize): 2048 features, 1008 probabilities with
     * {@code no_output_bias=True}, equal to the softmax of our logits.
     */
    private void probe() {
        int h = 40;
        int w = 24;
        byte[] px = new byte[2 * 3 * h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i * 37) % 256);
        }
        ImageBatch b = new ImageBatch(2, 3, h, w, px);
        float[][][] fl;
        float[][] probs;
        try (NDManager step = model.step()) {
            NDArray x = input(step, b, 0, 2);
            fl = featuresAndLogits(step, x);
            List<NDArray> out = model.forward(step, x, false, false, true);
            if (out.size() != 1) {
                throw notTheNetwork("forward(no_output_bias=True) returned " + out.size() + " tensors");
            }
            probs = model.rows(out.get(0), 2, 0, "class probabilities");
        } catch (ImageMetricException e) {
            throw e.getMessage().contains("does not behave like") ? e
                    : notTheNetwork(e.getMessage().replace(model.file() + ": ", ""));
        }
        if (probs[0].length != CLASSES) {
            throw notTheNetwork(probs[0].length + " classes, not " + CLASSES);
        }
        for (int i = 0; i < 2; i++) {
            double[] p = softmax(fl[1][i]);
            for (int j = 0; j < CLASSES; j++) {
                if (Math.abs(p[j] - probs[i][j]) > PROBE_TOLERANCE) {
                    throw notTheNetwork("its no_output_bias probability of class " + j + " is " + probs[i][j]
                            + ", the softmax of features x output.weight gives " + p[j]);
                }
            }
        }
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[logits.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(logits[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < p.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    /** Images {@code first ..} of the batch as uint8 {@code (n, 3, H, W)}: grey planes replicated. */
    private static NDArray input(NDManager step, ImageBatch images, int first, int n) {
        int c = images.channels();
        if (c != 1 && c != 3) {
            throw new ImageMetricException("Inception features: images with " + c
                    + " channels; only 1 (grey) and 3 (RGB) are taken");
        }
        int hw = images.height() * images.width();
        byte[] x = new byte[n * 3 * hw];
        for (int k = 0; k < n; k++) {
            for (int ch = 0; ch < 3; ch++) {
                int from = ((first + k) * c + Math.min(ch, c - 1)) * hw;
                System.arraycopy(images.pixels(), from, x, (k * 3 + ch) * hw, hw);
            }
        }
        return HostCopy.bytes(step, x, new Shape(n, 3, images.height(), images.width()));
    }

    /** Pool features {@code (n, 2048)} by {@code forward(x, return_features=True)}, and their logits (no bias). */
    private float[][][] featuresAndLogits(NDManager step, NDArray x) {
        int n = (int) x.getShape().get(0);
        List<NDArray> out = model.forward(step, x, true);
        if (out.size() != 1) {
            throw notTheNetwork("forward(return_features=True) returned " + out.size() + " tensors");
        }
        NDArray f = out.get(0).reshape(n, -1).toType(DataType.FLOAT32, false);
        float[][] pool = model.rows(f, n, FEATURES, "pool features");
        NDArray logits = f.matMul(outputWeight.transpose());                  // (n, 1008), no bias
        return new float[][][] {pool, model.rows(logits, n, CLASSES, "logits")};
    }

    public String sha256() {
        return model.sha256();
    }

    @Override
    public String id() {
        return "inception sha256=" + model.sha256() + " input=uint8 rgb (grey replicated) at its own size, resized"
                + " by the network (bilinear to 299x299) logits=features*output.weight (no bias)";
    }

    @Override
    public int classes() {
        return CLASSES;
    }

    @Override
    public int featureDimension() {
        return FEATURES;
    }

    @Override
    public ExtractedFeatures extract(ImageBatch images) {
        int n = images.count();
        float[][] logits = new float[n][];
        float[][] pool = new float[n][];
        for (int first = 0; first < n; first += CHUNK) {
            int b = Math.min(CHUNK, n - first);
            try (NDManager step = model.step()) {
                float[][][] fl = featuresAndLogits(step, input(step, images, first, b));
                System.arraycopy(fl[0], 0, pool, first, b);
                System.arraycopy(fl[1], 0, logits, first, b);
            }
        }
        return new ExtractedFeatures(logits, pool);
    }

    @Override
    public void close() {
        model.close();
    }

    @Override
    public String toString() {
        return "InceptionFeatures(" + model.file() + ", sha256 " + model.sha256().substring(0, 12) + ")";
    }
}
