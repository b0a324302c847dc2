package io.ganlab.imagegan.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganlab.core.CpuConvolution;
import io.ganlab.imagegan.data.ImageShape;
import io.ganlab.imagegan.nets.Conv;
import io.ganlab.imagegan.nets.Dense;
import io.ganlab.imagegan.nets.TflibInit;

/**
 * The domain classifier: a small CNN over images scaled to [-1, 1].
 * {@code x (B, C, H, W) → Conv3 → ReLU → MaxPool2 → (B, c1, H/2, W/2) → Conv3 → ReLU → MaxPool2 →
 * (B, c2, H/4, W/4) → flatten → Dense → ReLU → features (B, f) → Dense → logits (B, K)}; pooling rounds down.
 * The features (post-ReLU, what the logits are a linear function of) feed FID/KID, the logits the classifier
 * score. Convolutions are 3x3 with SAME padding and He-style initialisation; dense layers Glorot.
 *
 * <p>Widths {@code c1}, {@code c2} must be multiples of 16: libtorch's CPU convolutions return NaN gradients at
 * other widths ({@link CpuConvolution}). The input convolution has C = 1 or 3 input channels, which that rule
 * cannot meet; its weight gradient was checked finite (ClassifierTrainingTest).
 */
public final class ClassifierNetwork extends AbstractBlock {
    private final Architecture arch;
    private final ImageShape input;
    private final int classes;
    private final Block conv1;
    private final Block conv2;
    private final Block hidden;
    private final Block output;

    /**
     * The widths of the network.
     *
     * @param conv1    channels of the first convolution (multiple of 16)
     * @param conv2    channels of the second convolution (multiple of 16)
     * @param features length of the penultimate (feature) layer
     */
    public record Architecture(int conv1, int conv2, int features) {
        /**
         * 16 and 32 channels, 128 features. Twice the channels (32, 64) cost 3.5x the multiply-adds and trained at
         * 235 images/s on the shared 2-core machine (over 4 minutes per Fashion-MNIST epoch).
         */
        public static final Architecture DEFAULT = new Architecture(16, 32, 128);

        public Architecture {
            for (int c : new int[] {conv1, conv2}) {
                if (c < CpuConvolution.CHANNEL_MULTIPLE || c % CpuConvolution.CHANNEL_MULTIPLE != 0 || c > 1024) {
                    throw new ClassifierException("classifier convolution width " + c + ": must be a multiple of "
                            + CpuConvolution.CHANNEL_MULTIPLE + " up to 1024 (libtorch's CPU convolutions return"
                            + " NaN gradients at other widths)");
                }
            }
            if (features < 2 || features > 4096) {
                throw new ClassifierException("classifier features " + features + ": must lie in 2..4096");
            }
        }
    }

    public ClassifierNetwork(Architecture arch, ImageShape input, int classes) {
        if (input.height() < 4 || input.width() < 4) {
            throw new ClassifierException("classifier input " + input + ": images must be at least 4x4 (two"
                    + " 2x2 poolings)");
        }
        if (classes < 2) {
            throw new ClassifierException("a classifier needs at least 2 classes, got " + classes);
        }
        this.arch = arch;
        this.input = input;
        this.classes = classes;
        conv1 = addChildBlock("conv1", Conv.he(input.channels(), arch.conv1(), 3, 1));
        conv2 = addChildBlock("conv2", Conv.he(arch.conv1(), arch.conv2(), 3, 1));
        hidden = addChildBlock("hidden", new Dense(flattened(), arch.features(), TflibInit.glorot(flattened(),
                arch.features())));
        output = addChildBlock("output", Dense.glorot(arch.features(), classes));
    }

    public Architecture architecture() {
        return arch;
    }

    public ImageShape input() {
        return input;
    }

    public int classes() {
        return classes;
    }

    /** Length of the flattened second pooling's output: {@code c2 * floor(floor(H/2)/2) * floor(floor(W/2)/2)}. */
    private int flattened() {
        return arch.conv2() * (input.height() / 2 / 2) * (input.width() / 2 / 2);
    }

    /** Outputs {@code [logits (B, K), features (B, f)]}. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                                  // (B, C, H, W)
        NDArray h = pool(Activation.relu(conv1.forward(ps, new NDList(x), training).head()));
        //                                                                            (B, c1, H/2, W/2)
        h = pool(Activation.relu(conv2.forward(ps, new NDList(h), training).head()));
        //                                                                            (B, c2, H/4, W/4)
        h = h.reshape(-1, flattened());                                             // (B, c2·H/4·W/4)
        NDArray features = Activation.relu(hidden.forward(ps, new NDList(h), training).head());
        //                                                                            (B, f)
        NDArray logits = output.forward(ps, new NDList(features), training).head(); // (B, K)
        return new NDList(logits, features);
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, classes), new Shape(b, arch.features())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : getChildren().values()) {
            b.initialize(manager, dataType, inputShapes);   // every child fixes its shapes at construction
        }
    }

    @Override
    public String toString() {
        return "ClassifierNetwork(" + input + " -> conv " + arch.conv1() + " -> conv " + arch.conv2() + " -> "
                + arch.features() + " features -> " + classes + " classes)";
    }
}
