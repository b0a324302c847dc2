package io.ganlab.imagegan.toy;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.Checkpoint;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.Objectives;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Rng;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingSession;
import io.ganlab.core.GanModel;
import io.ganlab.core.GanNetworks;
import io.ganlab.core.GeneratorSamples;
import io.ganlab.core.TrainingData;
import io.ganlab.core.Evaluation;
import io.ganlab.core.RandomStream;
import java.util.List;
import io.ganlab.core.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;

/** Sets up and runs a toy GAN: new runs, resumed runs, and sampling from a run's newest checkpoint. */
public final class ToyTraining {
    private ToyTraining() {}

    /** The config of a new run: the defaults overlaid with {@code overrides} (a tree of flags). */
    public static ToyConfig newConfig(ObjectNode overrides) {
        ObjectNode tree = ToyConfig.defaults();
        ConfigTree.merge(tree, overrides);
        return ToyConfig.of(tree);
    }

    /**
     * The config of an existing run, with the allowed changes of {@code overrides}: only the iteration and time
     * targets may differ from the saved config.
     */
    public static ToyConfig resumedConfig(RunDirectory run, ObjectNode overrides) {
        return ToyConfig.of(ConfigTree.resumed(run.dir(), overrides));
    }

    /**
     * Trains a run to its target. A new run refuses a directory holding another run unless {@code force}, and
     * then removes only what a run writes.
     */
    public static Trainer.Outcome train(ToyConfig cfg, RunDirectory run, boolean resume, boolean force,
                                       TrainingListener listener) throws IOException {
        return train(cfg, run, resume, force, listener, null);
    }

    /** The same on {@code device} ({@code null}: the engine's default). */
    public static Trainer.Outcome train(ToyConfig cfg, RunDirectory run, boolean resume, boolean force,
                                       TrainingListener listener, Device device) throws IOException {
        return TrainingSession.train(cfg, run, resume, force, new TrainingSession.Modality() {
            @Override
            public GanModel networks(NDManager manager, long seed) {
                return ToyGan.create(cfg.model(), manager, seed);
            }

            @Override
            public TrainingData data(NDManager manager) {
                return new ToyBatches(cfg.set(), cfg.schedule().seed());
            }

            @Override
            public Evaluation evaluation(GanModel networks) {
                return new ToyEvaluation(cfg.set(), networks.critic(), cfg.eval().samples(), cfg.eval().plots(),
                        cfg.schedule().seed());
            }

            @Override
            public List<Path> outputs(RunDirectory run) {
                return List.of(run.plots());
            }
        }, listener, device);
    }

    /**
     * {@code count} points from the generator of the run's newest checkpoint, interleaved x, y; the noise comes
     * from {@code seed}.
     */
    public static float[] sample(RunDirectory run, int count, long seed) throws IOException {
        ToyConfig cfg = ToyConfig.of(run.readConfig());
        try (NDManager manager = NDManager.newBaseManager()) {
            GanNetworks gan = ToyGan.create(cfg.model(), manager, cfg.schedule().seed());
            float[] out = new float[2 * count];
            int[] at = {0};
            GeneratorSamples.draw(run, gan, manager, seed, count, 0,
                    message -> System.err.println("gan: warning: " + message), points -> {
                        float[] xy = points.toFloatArray();                               // (n, 2) flattened
                        System.arraycopy(xy, 0, out, at[0], xy.length);
                        at[0] += xy.length;
                    });
            return out;
        }
    }

}
