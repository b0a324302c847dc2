package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * What {@code sample} commands draw from a run: its newest checkpoint that verifies loaded into a generator, run in
 * inference mode (batch-norm moving averages) on noise of the {@link RandomStream#SAMPLING} stream of a seed, in
 * batches of 256 (whole batches for a generator whose samples depend on their batch, {@link BatchDependentSampling}).
 */
public final class GeneratorSamples {
    private static final int BATCH = 256;

    private GeneratorSamples() {}

    private static NDArray firstRows(NDArray x, int n) {
        return x.getShape().get(0) == n ? x : x.get(new NDIndex("0:" + n));
    }

    /**
     * {@code count} samples, or, when {@code interpolate > 1}, that many samples along the straight line between two
     * latent points (the first and last of them), handed to {@code sink} a batch {@code (n, …)} at a time (each batch
     * is freed after the call, so a large count never sits in memory whole).
     *
     * @param warn told which damaged checkpoints were skipped
     */
    public static void draw(RunDirectory run, GanModel networks, NDManager manager, long seed, int count,
                            int interpolate, Consumer<String> warn, Consumer<NDArray> sink) throws IOException {
        draw(run, networks, manager, seed, count, interpolate, -1, warn, sink);
    }

    /**
     * {@link #draw(RunDirectory, GanModel, NDManager, long, int, int, Consumer, Consumer)} with the class of a
     * conditional model's samples: {@code label} for all of them, or, when it is −1, sample i of class i mod K (an
     * interpolation then keeps class 0).
     */
    public static void draw(RunDirectory run, GanModel networks, NDManager manager, long seed, int count,
                            int interpolate, int label, Consumer<String> warn, Consumer<NDArray> sink)
            throws IOException {
        AuxiliaryClassifier classes = networks.classifier();
        if (classes != null && label >= classes.classes() || label < -1) {
            throw new IllegalArgumentException("class " + label + " is not one of the model's "
                    + (classes == null ? 0 : classes.classes()) + " classes");
        }
        Path ckpt = run.latestCheckpoint(warn);
        Checkpoint.loadGenerator(ckpt, manager, networks.generator());
        ParameterStore ps = new ParameterStore(manager, false);
        RandomGenerator g = new Rng(seed).stream(0, RandomStream.SAMPLING);
        boolean fullBatches = BatchDependentSampling.of(networks.generator());
        if (interpolate > 1) {
            try (NDManager m = manager.newSubManager()) {
                NDArray ends = networks.noise(m, g, 2);                                       // (2, Z)
                NDArray t = m.linspace(0f, 1f, interpolate).reshape(interpolate, 1);            // (K, 1)
                NDArray z = ends.get(0).expandDims(0).mul(t.neg().add(1f))
                        .add(ends.get(1).expandDims(0).mul(t));                                 // (K, Z)
                if (fullBatches && interpolate < BATCH) {
                    // the line alone would set the batch statistics: draw it among ordinary noise
                    z = z.concat(networks.noise(m, g, BATCH - interpolate));                   // (BATCH, Z)
                }
                int rows = (int) z.getShape().get(0);
                sink.accept(firstRows(generate(networks, ps, z, classes, m, 0, rows, Math.max(label, 0)),
                        interpolate));
            }
            return;
        }
        for (int done = 0; done < count; done += BATCH) {
            try (NDManager m = manager.newSubManager()) {
                int n = Math.min(BATCH, count - done);
                NDArray z = networks.noise(m, g, fullBatches ? BATCH : n);
                sink.accept(firstRows(generate(networks, ps, z, classes, m, done, (int) z.getShape().get(0), label),
                        n));
            }
        }
    }

    private static NDArray generate(GanModel networks, ParameterStore ps, NDArray z, AuxiliaryClassifier classes,
                                    NDManager m, long first, int n, int label) {
        NDList in = new NDList(z);
        if (classes != null) {
            in.add(label >= 0 ? m.full(new Shape(n), label, DataType.INT32) : classes.cyclicLabels(m, first, n));
        }
        return networks.generator().forward(ps, in, false).singletonOrThrow();
    }
}
