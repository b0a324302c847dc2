package io.ganlab.core;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starting a new run or resuming one, for every modality: lock the run directory, make it ready (a new run), build
 * the modality's networks, data and evaluation, restore the newest checkpoint (a resumed run), record the config and
 * the environment, and train. A modality brings only what differs, as a {@link Modality}.
 */
public final class TrainingSession {
    /** What a modality brings to a run; called once the session's NDManager exists. */
    public interface Modality {
        /** The two networks, initialised from the run's seed. */
        GanModel networks(NDManager manager, long seed);

        /** The real data. */
        TrainingData data(NDManager manager);

        /** What each evaluation measures (e.g. n-gram JSD and samples), given the networks. */
        Evaluation evaluation(GanModel networks);

        /** Directories this modality writes in a run (samples, plots): {@code --force} removes them with the run. */
        List<Path> outputs(RunDirectory run);
    }

    private TrainingSession() {}

    /**
     * Trains a run to its target. A new run refuses a directory holding another run unless {@code force}, and then
     * removes only what a run writes; a run that another process is training is refused either way.
     */
    public static Trainer.Outcome train(RunConfig cfg, RunDirectory run, boolean resume, boolean force,
                                        Modality modality, TrainingListener listener) throws IOException {
        return train(cfg, run, resume, force, modality, listener, null);
    }

    /**
     * {@link #train(RunConfig, RunDirectory, boolean, boolean, Modality, TrainingListener)} on {@code device}
     * ({@code null}: the engine's default, a GPU when there is one).
     */
    public static Trainer.Outcome train(RunConfig cfg, RunDirectory run, boolean resume, boolean force,
                                        Modality modality, TrainingListener listener, Device device)
            throws IOException {
        try (RunLock lock = RunLock.acquire(run)) {
            run.removeAbandonedFiles();
            if (!resume) {
                run.prepareNew(force, modality.outputs(run).toArray(Path[]::new));
            }
            Objective objective = Objectives.create(cfg.objective());
            try (NDManager manager = device == null ? NDManager.newBaseManager() : NDManager.newBaseManager(device)) {
                GanModel networks = modality.networks(manager, cfg.schedule().seed());
                TrainingData data = modality.data(manager);
                Evaluation evaluation = modality.evaluation(networks);
                Trainer trainer = new Trainer(networks, data, objective, cfg.schedule(), run, cfg.toTree(),
                        evaluation, listener, manager);
                if (resume) {
                    trainer.resume(modality.outputs(run));
                } else {
                    trainer.start();
                }
                RunDirectory.writeJson(run.config(), cfg.toTree());
                run.writeEnvironment();
                try {
                    return trainer.run();
                } finally {
                    if (evaluation instanceof AutoCloseable c) {
                        try {
                            c.close();
                        } catch (Exception e) {
                            // an evaluation's resources are only memory: nothing to report
                        }
                    }
                }
            }
        }
    }
}
