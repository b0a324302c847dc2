package io.ganlab.imagegan.toy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.Checkpoint;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.Objectives;
import io.ganlab.core.Rng;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;

/** Sets up and runs a toy GAN: new runs, resumed runs, and sampling from a run's newest checkpoint. */
public final class ToyTraining {
    private static final int SAMPLING = 204;

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
        if (!resume) {
            run.prepareNew(force, ToyEvaluation.plots(run));
        }
        var objective = Objectives.create(cfg.objective());
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyGan gan = new ToyGan(cfg.model(), manager, cfg.schedule().seed());
            ToyBatches batches = new ToyBatches(cfg.set(), cfg.schedule().seed());
            ToyEvaluation eval = new ToyEvaluation(cfg.set(), gan.critic(), cfg.eval().samples(), cfg.eval().plots(),
                    cfg.schedule().seed());
            Trainer trainer = new Trainer(gan, batches, objective, cfg.schedule(), run, cfg.toTree(), eval, listener,
                    manager);
            if (resume) {
                trainer.resume();
            } else {
                trainer.start();
            }
            RunDirectory.writeJson(run.config(), cfg.toTree());
            run.writeEnvironment();
            return trainer.run();
        }
    }

    /**
     * {@code count} points from the generator of the run's newest checkpoint, interleaved x, y; the noise comes
     * from {@code seed}.
     */
    public static float[] sample(RunDirectory run, int count, long seed) throws IOException {
        ToyConfig cfg = ToyConfig.of(run.readConfig());
        Path latest = run.latestCheckpoint();
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyGan gan = new ToyGan(cfg.model(), manager, cfg.schedule().seed());
            Checkpoint.loadGenerator(latest, manager, gan.generator());
            var z = gan.noise(manager, new Rng(seed).stream(0, SAMPLING), count);          // (N, Z)
            return gan.generator().forward(new ParameterStore(manager, false), new NDList(z), false)
                    .singletonOrThrow().toFloatArray();                                    // (N, 2) flattened
        }
    }
}
