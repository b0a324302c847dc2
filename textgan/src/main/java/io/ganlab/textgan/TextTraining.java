package io.ganlab.textgan;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.CpuConvolution;
import io.ganlab.core.Evaluation;
import io.ganlab.core.GanModel;
import io.ganlab.core.TrainingData;
import io.ganlab.core.TrainingSession;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import java.nio.file.Path;
import java.util.List;
import io.ganlab.core.TrainingException;
import io.ganlab.core.TrainingListener;
import io.ganlab.corpus.Dataset;
import java.io.IOException;

/** Sets up and runs the language GAN on a dataset: new runs, resumed runs, and their checks. */
public final class TextTraining {
    private TextTraining() {}

    /** The config a new run on {@code dataset} gets from a merged tree (preset, file and flags). */
    public static TextGanConfig configFor(ObjectNode tree, Dataset dataset) {
        ObjectNode t = tree.deepCopy();
        ObjectNode data = t.putObject("data");
        data.put("path", dataset.dir().toAbsolutePath().normalize().toString());
        data.put("checksum", dataset.checksum());
        data.put("vocab", dataset.vocabulary().size());
        data.put("seqLen", dataset.seqLen());
        return TextGanConfig.of(t);
    }

    /**
     * The config of an existing run, with the allowed changes of {@code overrides} (a tree of flags; only
     * the iteration and time targets may differ from the saved config).
     */
    public static TextGanConfig resumedConfig(RunDirectory run, ObjectNode overrides) {
        return TextGanConfig.of(ConfigTree.resumed(run.dir(), overrides));
    }

    /** Checks that {@code dataset} can decode the run's samples (same vocabulary size and line length). */
    public static void checkVocabulary(TextGanConfig cfg, Dataset dataset) {
        TextGanConfig.Data d = cfg.data();
        if (dataset.vocabulary().size() != d.vocab() || dataset.seqLen() != d.seqLen()) {
            throw new TrainingException("the run was trained on a vocabulary of " + d.vocab() + " symbols and lines of "
                    + d.seqLen() + "; " + dataset.dir() + " has " + dataset.vocabulary().size() + " and "
                    + dataset.seqLen());
        }
    }

    /** Checks that {@code dataset} is the one the run was trained on (same vocabulary, same lines). */
    public static void checkDataset(TextGanConfig cfg, Dataset dataset) {
        checkVocabulary(cfg, dataset);
        TextGanConfig.Data d = cfg.data();
        if (!dataset.checksum().equals(d.checksum())) {
            throw new TrainingException("the run was trained on dataset " + d.path() + " (checksum "
                    + abbreviate(d.checksum()) + "); " + dataset.dir() + " is a different dataset (checksum "
                    + abbreviate(dataset.checksum()) + ")");
        }
    }

    /**
     * Trains a run to its target. A new run refuses a directory holding another run unless {@code force}.
     *
     * @param evaluation JSD and samples every K iterations (see {@link TextEvaluation})
     */
    public static Trainer.Outcome train(TextGanConfig cfg, Dataset dataset, RunDirectory run, boolean resume,
                                        boolean force, Evaluation evaluation, TrainingListener listener)
            throws IOException {
        return train(cfg, dataset, run, resume, force, evaluation, listener, null);
    }

    /** The same on {@code device} ({@code null}: the engine's default). */
    public static Trainer.Outcome train(TextGanConfig cfg, Dataset dataset, RunDirectory run, boolean resume,
                                        boolean force, Evaluation evaluation, TrainingListener listener, Device device)
            throws IOException {
        checkDataset(cfg, dataset);
        Device used = device != null ? device : Engine.getInstance().defaultDevice();
        int dim = cfg.architecture().dim();
        if (resume && !CpuConvolution.trainable(dim, used)) {
            // the width of a run is fixed: the advice of requireTrainableWidth (another width) does not apply
            throw new TrainingException("this run's model.dim is " + dim + ": on the CPU widths that are not multiples"
                    + " of " + CpuConvolution.CHANNEL_MULTIPLE + " train on NaN gradients (see README, Known issues);"
                    + " continue it on a GPU");
        }
        CpuConvolution.requireTrainableWidth("model.dim", dim, used);
        return TrainingSession.train(cfg, run, resume, force, new TrainingSession.Modality() {
            @Override
            public GanModel networks(NDManager manager, long seed) {
                return TextGan.create(cfg.architecture(), manager, seed);
            }

            @Override
            public TrainingData data(NDManager manager) {
                try {
                    return new TextBatches(dataset.train(), dataset.valid(), cfg.data().vocab(), cfg.schedule().seed(),
                            cfg.schedule().batch());
                } catch (IllegalArgumentException e) {
                    throw new TrainingException(dataset.dir() + ": " + e.getMessage());
                }
            }

            @Override
            public Evaluation evaluation(GanModel networks) {
                return evaluation;
            }

            @Override
            public List<Path> outputs(RunDirectory run) {
                return List.of(run.samples());
            }
        }, listener, device);
    }

    private static String abbreviate(String s) {
        return s == null ? "none" : s.length() > 12 ? s.substring(0, 12) : s;
    }
}
