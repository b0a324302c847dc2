package io.ganlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.ganlab.common.Json;
import io.ganlab.common.StagedOutput;
import io.ganlab.common.MetricKeys;
import io.ganlab.core.Evaluation;
import io.ganlab.core.GanNetworks;
import io.ganlab.core.HostCopy;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import io.ganlab.core.RandomStream;
import io.ganlab.core.Rng;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Precision;
import io.ganlab.core.Schedule;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingData;
import io.ganlab.core.TrainingListener;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.TextGan;
import io.ganlab.imagegan.nets.CriticNorm;
import io.ganlab.imagegan.nets.ImageArchitecture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A GAN's critic and generator steps exactly as training takes them: the training session's own
 * {@link Trainer#criticStep} and {@link Trainer#generatorStep} (WGAN-GP, Adam β 0.5/0.9, learning rate 1e-4), on a
 * modality's networks with random "real" batches (a step's cost does not depend on the data): the language GAN
 * ({@link #text}) or an image architecture ({@link #image}).
 */
public final class SessionSteps implements AutoCloseable {
    /** Adam as the WGAN-GP paper sets it (beta1 0.5, beta2 0.9), learning rate 1e-4 for both players. */
    private static final float LEARNING_RATE = 1e-4f;

    private final NDManager manager = NDManager.newBaseManager("PyTorch");
    private final GanNetworks networks;
    private final Trainer trainer;
    private final Path runDir;

    private SessionSteps(Function<NDManager, GanNetworks> build, TrainingData data, int batch, long seed,
                         StepVariant variant) {
        networks = build.apply(manager);
        Schedule schedule = new Schedule(1, 0, 1, batch, LEARNING_RATE, LEARNING_RATE, 0.5f, 0.9f, false, "adam", seed,
                1, 1, 1, null, variant.precision().label(), variant.inputGradient().label());
        try {
            runDir = Files.createTempDirectory("ganlab-bench-steps");   // the steps write nothing; the trainer wants one
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        trainer = new Trainer(networks, data, Objectives.create(ObjectiveConfig.defaults("wgan-gp")),
                schedule, new RunDirectory(runDir), Json.PRETTY.createObjectNode(), Evaluation.NONE,
                TrainingListener.NONE, manager);
    }

    /** The language GAN of {@code arch} on random one-hot text. */
    public static SessionSteps text(Architecture arch, int batch, long seed) {
        return text(arch, batch, seed, Precision.FP32);
    }

    /** {@link #text(Architecture, int, long)} at {@code precision}, with the default input gradient. */
    public static SessionSteps text(Architecture arch, int batch, long seed, Precision precision) {
        return text(arch, batch, seed, new StepVariant(precision, StepVariant.DEFAULT.inputGradient()));
    }

    /** {@link #text(Architecture, int, long)} run as {@code variant} says. */
    public static SessionSteps text(Architecture arch, int batch, long seed, StepVariant variant) {
        return new SessionSteps(m -> TextGan.create(arch, m, seed), randomText(arch, seed), batch, seed, variant);
    }

    /** Image architecture {@code arch} at width {@code dim} on random images in [-1, 1]. */
    public static SessionSteps image(ImageArchitecture arch, int dim, int batch, long seed, Precision precision) {
        CriticNorm norm = arch.defaultCriticNorm(true);
        return new SessionSteps(m -> new GanNetworks(arch.generator(dim), arch.critic(dim, norm), arch.latent(),
                arch.imageShape(1), m, seed), randomImages(arch, seed), batch, seed,
                new StepVariant(precision, StepVariant.DEFAULT.inputGradient()));
    }

    /** Critic step {@code t} (0-based) of the training session. */
    public void criticStep(long t) {
        trainer.criticStep(t + 1, 0, LEARNING_RATE, new HashMap<>());
    }

    /** {@link #criticStep}, returning the loss ({@code critic_loss}) and the objective's logged terms. */
    public Map<String, Double> criticTerms(long t) {
        Map<String, Double> terms = new HashMap<>();
        terms.put(MetricKeys.CRITIC_LOSS, trainer.criticStep(t + 1, 0, LEARNING_RATE, terms));
        return terms;
    }

    /** Generator step {@code t} (0-based) of the training session. */
    public void generatorStep(long t) {
        trainer.generatorStep(t + 1, LEARNING_RATE);
    }

    /** The critic's weights (their gradients are those of the last critic step). */
    public List<Parameter> criticParameters() {
        return params(networks.critic().getParameters());
    }

    /** The generator's weights. */
    public List<Parameter> generatorParameters() {
        return params(networks.generator().getParameters());
    }

    @Override
    public void close() {
        manager.close();
        StagedOutput.deleteTreeQuietly(runDir);
    }

    private static List<Parameter> params(ai.djl.util.PairList<String, Parameter> all) {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : all) {
            list.add(p.getValue());
        }
        return list;
    }

    /** Uniform random images in [-1, 1], (B, C, H, W), a function of the batch index. */
    private static TrainingData randomImages(ImageArchitecture arch, long seed) {
        Rng rng = new Rng(seed);
        return new TrainingData() {
            @Override
            public NDArray batch(NDManager m, long index, int size) {
                return Rng.uniform(m, rng.stream(index, RandomStream.TRAINING_DRAWS), arch.imageShape(size), -1, 1);
            }

            @Override
            public NDArray heldout(NDManager m, long index, int size) {
                return Rng.uniform(m, rng.stream(index, RandomStream.HELDOUT_DRAWS), arch.imageShape(size), -1, 1);
            }
        };
    }

    /** Exact one-hot rows of uniformly random characters, (B, T, V), a function of the batch index. */
    private static TrainingData randomText(Architecture arch, long seed) {
        Rng rng = new Rng(seed);
        return new TrainingData() {
            @Override
            public NDArray batch(NDManager m, long index, int size) {
                return oneHot(m, rng.stream(index, RandomStream.TRAINING_DRAWS), size);
            }

            @Override
            public NDArray heldout(NDManager m, long index, int size) {
                return oneHot(m, rng.stream(index, RandomStream.HELDOUT_DRAWS), size);
            }

            private NDArray oneHot(NDManager m, RandomGenerator r, int size) {
                float[] x = new float[size * arch.seqLen() * arch.vocab()];
                for (int i = 0; i < size * arch.seqLen(); i++) {
                    x[i * arch.vocab() + r.nextInt(arch.vocab())] = 1f;
                }
                return HostCopy.floats(m, x, new Shape(size, arch.seqLen(), arch.vocab()));
            }
        };
    }
}
