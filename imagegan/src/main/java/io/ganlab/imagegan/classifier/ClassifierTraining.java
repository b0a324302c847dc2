package io.ganlab.imagegan.classifier;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganlab.common.Provenance;
import io.ganlab.core.Adam;
import io.ganlab.core.EpochOrder;
import io.ganlab.core.HostCopy;
import io.ganlab.core.RandomStream;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageShape;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a {@link ClassifierNetwork} on the train split of a labelled prepared image dataset with cross-entropy and
 * Adam (the project's, β 0.9/0.999), then measures its accuracy on the valid split. Each epoch visits the train
 * split in a fresh order drawn from the seed ({@link EpochOrder}, last partial batch dropped); the
 * initialisation is drawn from the same seed, so a seed gives the same classifier on one machine (libtorch's CPU
 * kernels may round differently elsewhere).
 */
public final class ClassifierTraining {
    /** Images per forward pass when measuring accuracy: no gradient is kept, so larger than a training batch. */
    private static final int EVAL_BATCH = 500;
    /** A progress line every this many steps inside an epoch. */
    private static final int PROGRESS_STEPS = 200;

    /**
     * How to train.
     *
     * @param epochs       passes over the train split (1..1000)
     * @param seed         seed of the initialisation and of the example order
     * @param batchSize    images per step
     * @param learningRate Adam's learning rate
     * @param architecture the network's widths
     */
    public record Options(int epochs, long seed, int batchSize, float learningRate,
                          ClassifierNetwork.Architecture architecture) {
        public static final int DEFAULT_EPOCHS = 5;
        public static final long DEFAULT_SEED = 1;
        public static final int DEFAULT_BATCH = 64;
        public static final float DEFAULT_LR = 1e-3f;

        public static Options defaults() {
            return new Options(DEFAULT_EPOCHS, DEFAULT_SEED, DEFAULT_BATCH, DEFAULT_LR,
                    ClassifierNetwork.Architecture.DEFAULT);
        }

        public Options {
            if (epochs < 1 || epochs > 1000) {
                throw new ClassifierException("epochs must lie in 1..1000, got " + epochs);
            }
            if (batchSize < 1 || batchSize > 4096) {
                throw new ClassifierException("the batch size must lie in 1..4096, got " + batchSize);
            }
            if (!(learningRate > 0 && learningRate < 1)) {
                throw new ClassifierException("the learning rate must lie in (0, 1), got " + learningRate);
            }
        }

        public Options withEpochs(int e) {
            return new Options(e, seed, batchSize, learningRate, architecture);
        }

        public Options withSeed(long s) {
            return new Options(epochs, s, batchSize, learningRate, architecture);
        }
    }

    /**
     * A trained classifier, still in memory.
     *
     * @param network its network (owned by the manager passed to {@link #train})
     * @param info    its provenance and held-out accuracy, ready for {@link ClassifierFile#write}
     */
    public record Trained(ClassifierNetwork network, ClassifierInfo info) {}

    private ClassifierTraining() {}

    /**
     * Trains on {@code dataset}'s train split and measures accuracy on its valid split.
     *
     * @param log progress lines (one per epoch)
     * @throws ClassifierException when the dataset has no labels, fewer than 2 classes, an empty valid split or
     *                             fewer train images than one batch
     */
    public static Trained train(ImageDataset dataset, Options o, NDManager manager, Consumer<String> log) {
        if (!dataset.hasLabels()) {
            throw new ClassifierException(dataset.dir() + ": has no labels; a classifier needs a labelled dataset"
                    + " (class folders, IDX or CIFAR labels)");
        }
        List<String> names = dataset.labelNames();
        long trainSize = dataset.size(DataSplit.TRAIN);
        long validSize = dataset.size(DataSplit.VALID);
        if (validSize == 0) {
            throw new ClassifierException(dataset.dir() + ": the valid split is empty; the classifier's held-out"
                    + " accuracy is measured on it (prepare the dataset with --valid N)");
        }
        if (trainSize < o.batchSize()) {
            throw new ClassifierException(dataset.dir() + ": " + trainSize + " train images, fewer than one batch"
                    + " of " + o.batchSize());
        }
        ImageShape shape = dataset.shape();
        long start = System.nanoTime();
        // DJL's initialisers draw from libtorch's generator: seed it so that a seed gives one classifier
        Engine.getInstance().setRandomSeed((int) (o.seed() ^ (o.seed() >>> 32)));
        ClassifierNetwork net = new ClassifierNetwork(o.architecture(), shape, names.size());
        net.initialize(manager, DataType.FLOAT32, new Shape(o.batchSize(), shape.channels(), shape.height(),
                shape.width()));
        List<Parameter> params = net.getParameters().values();
        EpochOrder order = new EpochOrder(trainSize, o.seed(), RandomStream.TRAINING_ORDER);
        long stepsPerEpoch = trainSize / o.batchSize();
        ParameterStore ps = new ParameterStore(manager, false);
        Shape batchShape = new Shape(o.batchSize(), shape.channels(), shape.height(), shape.width());
        float[] pixels = new float[o.batchSize() * shape.bytes()];
        try (Adam adam = new Adam(0.9f, 0.999f, 1e-8f)) {
            for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                double lossSum = 0;
                long epochStart = System.nanoTime();
                for (long s = 0; s < stepsPerEpoch; s++) {
                    long[] idx = order.batch((epoch - 1) * stepsPerEpoch + s, o.batchSize());
                    dataset.batch(DataSplit.TRAIN, idx, pixels);
                    int[] labels = dataset.labels(DataSplit.TRAIN, idx);
                    // per-step sub-manager: results belong to the first input's manager
                    try (NDManager step = manager.newSubManager()) {
                        NDArray x = HostCopy.floats(step, pixels, batchShape);                // (B, C, H, W)
                        NDArray y = step.create(labels).toType(DataType.INT64, false);        // (B)
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = net.forward(ps, new NDList(x), true).head();     // (B, K)
                            NDArray loss = crossEntropy(logits, y, names.size());             // ()
                            gc.backward(loss);
                            lossSum += loss.getFloat();
                        }
                        adam.step(params, o.learningRate());
                    }
                    if ((s + 1) % PROGRESS_STEPS == 0 && s + 1 < stepsPerEpoch) {
                        log.accept(String.format("epoch %d/%d: step %d/%d, train loss %.4f, %.0f images/s", epoch,
                                o.epochs(), s + 1, stepsPerEpoch, lossSum / (s + 1),
                                (s + 1) * o.batchSize() / ((System.nanoTime() - epochStart) / 1e9)));
                    }
                }
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                log.accept(String.format("epoch %d/%d: train loss %.4f, %.0f images/s", epoch, o.epochs(),
                        lossSum / stepsPerEpoch, stepsPerEpoch * o.batchSize() / seconds));
            }
        }
        long correct = correct(net, dataset, DataSplit.VALID, manager);
        double accuracy = (double) correct / validSize;
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(String.format("held-out accuracy %.4f (%d of %d valid images)", accuracy, correct, validSize));
        ClassifierInfo info = new ClassifierInfo(ClassifierInfo.FORMAT, Provenance.version(), Instant.now().toString(),
                dataset.manifest().checksum(), dataset.dir().toAbsolutePath().toString(), shape.channels(),
                shape.height(), shape.width(), names, o.architecture(), trainSize, validSize, accuracy, o.seed(),
                o.epochs(), o.batchSize(), o.learningRate(), ClassifierInfo.SCALING, seconds);
        return new Trained(net, info);
    }

    /** Mean over the batch of {@code -log softmax(logits)[label]}. */
    static NDArray crossEntropy(NDArray logits, NDArray labels, int classes) {
        NDArray logp = logits.logSoftmax(1);                                   // (B, K)
        return logp.mul(labels.oneHot(classes)).sum(new int[] {1}).neg().mean(); // ()
    }

    /** How many images of {@code split} the network classifies correctly (argmax of the logits). */
    static long correct(ClassifierNetwork net, ImageDataset dataset, DataSplit split, NDManager manager) {
        ImageShape shape = dataset.shape();
        long n = dataset.size(split);
        ParameterStore ps = new ParameterStore(manager, false);
        long correct = 0;
        for (long first = 0; first < n; first += EVAL_BATCH) {
            int b = (int) Math.min(EVAL_BATCH, n - first);
            long[] idx = new long[b];
            for (int i = 0; i < b; i++) {
                idx[i] = first + i;
            }
            int[] labels = dataset.labels(split, idx);
            try (NDManager step = manager.newSubManager()) {
                NDArray x = HostCopy.floats(step, dataset.batch(split, idx),
                        new Shape(b, shape.channels(), shape.height(), shape.width()));
                long[] predicted = net.forward(ps, new NDList(x), false).head().argMax(1).toLongArray();
                for (int i = 0; i < b; i++) {
                    if (predicted[i] == labels[i]) {
                        correct++;
                    }
                }
            }
        }
        return correct;
    }
}
