package io.ganlab.imagegan.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.AuxiliaryClassifier;
import io.ganlab.core.CpuConvolution;
import io.ganlab.core.Evaluation;
import io.ganlab.core.GanModel;
import io.ganlab.core.GanNetworks;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingData;
import io.ganlab.core.TrainingException;
import io.ganlab.core.TrainingListener;
import io.ganlab.core.TrainingSession;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageShape;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.imagegan.classifier.ClassifierFeatures;
import io.ganlab.imagegan.features.InceptionFeatures;
import io.ganlab.imagegan.classifier.ReferenceFeatures;
import io.ganlab.imagegan.nets.ImageArchitecture;
import java.io.IOException;
import java.nio.file.Path;
import io.ganlab.common.MetricKeys;
import io.ganlab.eval.image.InceptionScore;
import io.ganlab.eval.image.KernelDistance;
import io.ganlab.imagegan.classifier.ClassifierScores;
import io.ganlab.imagegan.data.DataSplit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The image GANs of the WGAN-GP paper on the shared training session: new runs, resumed runs, and their checks. */
public final class ImageTraining {
    private ImageTraining() {}

    /** The config a new run on {@code dataset} gets from a merged tree (preset, file and flags). */
    public static ImageGanConfig configFor(ObjectNode tree, ImageDataset dataset) {
        ObjectNode t = tree.deepCopy();
        ObjectNode data = t.has("data") && t.get("data").isObject() ? (ObjectNode) t.get("data") : t.putObject("data");
        ImageShape s = dataset.shape();
        data.put("path", dataset.dir().toAbsolutePath().normalize().toString());
        data.put("checksum", dataset.manifest().checksum());
        data.put("channels", s.channels());
        data.put("height", s.height());
        data.put("width", s.width());
        if (!data.has("trainLimit")) {
            data.put("trainLimit", 0);
        }
        ImageGanConfig cfg = ImageGanConfig.of(t);
        checkShape(cfg, dataset);
        return cfg;
    }

    /** The config of an existing run with the allowed changes of {@code overrides} (the targets, upwards). */
    public static ImageGanConfig resumedConfig(RunDirectory run, ObjectNode overrides) {
        return ImageGanConfig.of(ConfigTree.resumed(run.dir(), overrides));
    }

    /** The dataset's images must be the architecture's: its size and channels are fixed by the reference. */
    static void checkShape(ImageGanConfig cfg, ImageDataset dataset) {
        ImageArchitecture a = cfg.architecture();
        ImageShape s = dataset.shape();
        if (s.channels() != a.channels() || s.height() != a.imageSize() || s.width() != a.imageSize()) {
            throw new TrainingException(dataset.dir() + " holds " + s + " images; architecture " + a.name() + " takes "
                    + a.channels() + "x" + a.imageSize() + "x" + a.imageSize() + " (prepare it with gan images prepare"
                    + " --size " + a.imageSize() + " --channels " + a.channels() + ")");
        }
    }

    /** Checks that {@code dataset} is the one the run was trained on. */
    public static void checkDataset(ImageGanConfig cfg, ImageDataset dataset) {
        checkShape(cfg, dataset);
        if (!dataset.manifest().checksum().equals(cfg.data().checksum())) {
            throw new TrainingException("the run was trained on dataset " + cfg.data().path() + "; " + dataset.dir()
                    + " is a different dataset (checksum " + dataset.manifest().checksum().substring(0, 12) + ")");
        }
    }

    /**
     * The scorings of the run's evaluations: the domain classifier's and Inception's, those the config names (none:
     * an empty list).
     */
    static List<ImageEvaluation.Scoring> scorings(ImageGanConfig cfg, ImageDataset dataset,
                                                  TrainingListener listener) {
        List<ImageEvaluation.Scoring> out = new ArrayList<>();
        try {
            if (cfg.eval().classifier() != null) {
                out.add(scoring(ClassifierFeatures.open(Path.of(cfg.eval().classifier())),
                        ClassifierScores.Names.CLASSIFIER, cfg, dataset, listener));
            }
            if (cfg.eval().inception() != null) {
                out.add(scoring(InceptionFeatures.open(Path.of(cfg.eval().inception())),
                        ClassifierScores.Names.INCEPTION, cfg, dataset, listener));
            }
            return out;
        } catch (RuntimeException e) {
            out.forEach(sc -> sc.extractor().close());
            throw e;
        }
    }

    private static ImageEvaluation.Scoring scoring(FeatureExtractor extractor, ClassifierScores.Names names,
                                                   ImageGanConfig cfg, ImageDataset dataset,
                                                   TrainingListener listener) {
        try {
            ReferenceFeatures.Reference reference = ReferenceFeatures.train(dataset, extractor, listener::notice);
            return new ImageEvaluation.Scoring(extractor, names, reference, cfg.eval().samples(),
                    realFloor(dataset, extractor, names, reference, cfg.eval().samples()));
        } catch (IOException | RuntimeException e) {
            extractor.close();
            throw e instanceof IOException io ? new java.io.UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * What held-out real images score at the run's sample count (the valid split, at most {@code samples} of them),
     * under {@link MetricKeys#realDataKey} of each score's key ({@link MetricKeys#CLASSIFIER_FID_FLOOR} and its
     * neighbours for the classifier): the line every evaluation's scores are read against.
     */
    static Map<String, Object> realFloor(ImageDataset dataset, FeatureExtractor extractor,
                                         ClassifierScores.Names names, ReferenceFeatures.Reference reference,
                                         int samples) {
        if (dataset.size(DataSplit.VALID) < 2) {
            return Map.of();
        }
        ReferenceFeatures.Features real = ReferenceFeatures.extract(dataset, DataSplit.VALID, samples, extractor);
        Map<String, Object> s = ClassifierScores.score(names, EnumSet.allOf(ClassifierScores.Metric.class), real,
                reference, InceptionScore.DEFAULT_SPLITS, KernelDistance.DEFAULT_SUBSETS, ClassifierScores.notes());
        Map<String, Object> floor = new LinkedHashMap<>();
        for (String key : List.of(names.score(), names.fid(), names.kid())) {
            floor.put(MetricKeys.realDataKey(key), s.get(key));
        }
        return floor;
    }

    /** The run's two networks, initialised from {@code seed}. */
    public static GanNetworks networks(ImageGanConfig cfg, NDManager manager, long seed) {
        ImageArchitecture a = cfg.architecture();
        AuxiliaryClassifier classifier = a.conditional()
                ? new AuxiliaryClassifier(a.classes(), cfg.model().acganScale(), cfg.model().acganScaleG()) : null;
        return new GanNetworks(a.generator(cfg.model().dim()), a.critic(cfg.model().dim(), cfg.model().criticNorm()),
                a.latent(), a.imageShape(1), manager, seed, classifier);
    }

    /**
     * Trains a run to its target. A new run refuses a directory holding another run unless {@code force}; a run
     * another process is training is refused either way.
     */
    public static Trainer.Outcome train(ImageGanConfig cfg, ImageDataset dataset, RunDirectory run, boolean resume,
                                        boolean force, TrainingListener listener) throws IOException {
        return train(cfg, dataset, run, resume, force, listener, null);
    }

    /** The same on {@code device} ({@code null}: the engine's default). */
    public static Trainer.Outcome train(ImageGanConfig cfg, ImageDataset dataset, RunDirectory run, boolean resume,
                                        boolean force, TrainingListener listener, Device device) throws IOException {
        checkDataset(cfg, dataset);
        if (cfg.architecture().conditional() && !dataset.hasLabels()) {
            throw new TrainingException(dataset.dir() + " has no class labels; architecture "
                    + cfg.architecture().name() + " is conditional (AC-GAN) and trains on labelled images");
        }
        if (cfg.architecture().conditional() && dataset.labelNames().size() != cfg.architecture().classes()) {
            throw new TrainingException(dataset.dir() + " has " + dataset.labelNames().size() + " classes; architecture "
                    + cfg.architecture().name() + " has a class head of " + cfg.architecture().classes());
        }
        CpuConvolution.requireTrainableWidth("model.dim", cfg.model().dim(),
                device != null ? device : ai.djl.engine.Engine.getInstance().defaultDevice());
        return TrainingSession.train(cfg, run, resume, force, new TrainingSession.Modality() {
            @Override
            public GanModel networks(NDManager manager, long seed) {
                return ImageTraining.networks(cfg, manager, seed);
            }

            @Override
            public TrainingData data(NDManager manager) {
                try {
                    return new ImageBatches(dataset, cfg.pixelRange(), cfg.data().trainLimit(), cfg.schedule().seed(),
                            cfg.schedule().batch());
                } catch (IllegalArgumentException e) {
                    throw new TrainingException(dataset.dir() + ": " + e.getMessage());
                }
            }

            @Override
            public Evaluation evaluation(GanModel networks) {
                return new ImageEvaluation(dataset.shape(), cfg.pixelRange(), cfg.eval().grid(), scorings(cfg, dataset,
                        listener));
            }

            @Override
            public List<Path> outputs(RunDirectory run) {
                return List.of(run.samples());
            }
        }, listener, device);
    }
}
