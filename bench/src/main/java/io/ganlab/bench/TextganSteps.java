package io.ganlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.ganlab.core.Adam;
import io.ganlab.core.CriticFunction;
import io.ganlab.core.HostCopy;
import io.ganlab.core.Objective;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import io.ganlab.core.Rng;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.Critic;
import io.ganlab.textgan.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The language GAN's WGAN-GP critic and generator steps, as the trainer takes them, on random one-hot "real"
 * batches. A copy of the trainer's steps for timing, and the one place to change when the training session
 * exposes its own step methods: {@link TextganStepBench} only calls {@link #criticStep} and
 * {@link #generatorStep}.
 */
public final class TextganSteps implements AutoCloseable {
    /** Adam as the WGAN-GP paper sets it (beta1 0.5, beta2 0.9), learning rate 1e-4 for both players. */
    private static final float LEARNING_RATE = 1e-4f;

    private final Architecture arch;
    private final int batch;
    private final Rng rng;
    private final Objective gp = Objectives.create(ObjectiveConfig.defaults("wgan-gp"));
    private final NDManager model = NDManager.newBaseManager("PyTorch");
    private final Adam criticAdam = new Adam(0.5f, 0.9f, 1e-8f);
    private final Adam generatorAdam = new Adam(0.5f, 0.9f, 1e-8f);
    private final Generator g;
    private final Critic d;
    private final List<Parameter> gParams;
    private final List<Parameter> dParams;
    private final ParameterStore ps;
    private final CriticFunction critic;

    public TextganSteps(Architecture arch, int batch, long seed) {
        this.arch = arch;
        this.batch = batch;
        this.rng = new Rng(seed);
        g = new Generator(arch);
        d = new Critic(arch);
        g.initialize(model, DataType.FLOAT32, new Shape(batch, arch.latent()));
        d.initialize(model, DataType.FLOAT32, new Shape(batch, arch.seqLen(), arch.vocab()));
        gParams = params(g);
        dParams = params(d);
        ps = new ParameterStore(model, false);
        critic = x -> d.forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /**
     * Critic step {@code t}: a fake batch generated without graph, the WGAN-GP critic loss with its penalty,
     * backward, then Adam. {@code beforeUpdate} sees the critic's gradients between backward and the update.
     */
    public void criticStep(long t, Consumer<List<Parameter>> beforeUpdate) {
        try (NDManager step = model.newSubManager()) {
            NDArray real = oneHotBatch(step, rng.stream(t, Rng.REAL_BATCH));
            NDArray z = Rng.normal(step, rng.stream(t, Rng.NOISE), new Shape(batch, arch.latent()));
            NDArray fake = withoutGraph(() -> g.forward(ps, new NDList(z), true).singletonOrThrow());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(gp.criticLoss(critic, real, fake, rng.stream(t, Rng.INTERPOLATION)).value());
            }
            beforeUpdate.accept(dParams);
            criticAdam.step(dParams, LEARNING_RATE);
        }
    }

    /** Generator step {@code t}: generate with graph, WGAN-GP generator loss, backward with the critic frozen, Adam. */
    public void generatorStep(long t) {
        d.freezeParameters(true);
        try (NDManager step = model.newSubManager()) {
            NDArray z = Rng.normal(step, rng.stream(1_000_000L + t, Rng.NOISE), new Shape(batch, arch.latent()));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray fake = g.forward(ps, new NDList(z), true).singletonOrThrow();
                gc.backward(gp.generatorLoss(critic, null, fake, rng.stream(t, Rng.INTERPOLATION)).value());
            }
            generatorAdam.step(gParams, LEARNING_RATE);
        } finally {
            d.freezeParameters(false);
        }
    }

    /** The critic's weights (their gradients are those of the last critic step). */
    public List<Parameter> criticParameters() {
        return dParams;
    }

    /** The generator's weights. */
    public List<Parameter> generatorParameters() {
        return gParams;
    }

    @Override
    public void close() {
        criticAdam.close();
        generatorAdam.close();
        model.close();
    }

    private static List<Parameter> params(Block b) {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            list.add(p.getValue());
        }
        return list;
    }

    /** Exact one-hot rows of uniformly random characters, (B, T, V). */
    private NDArray oneHotBatch(NDManager m, RandomGenerator r) {
        float[] x = new float[batch * arch.seqLen() * arch.vocab()];
        for (int i = 0; i < batch * arch.seqLen(); i++) {
            x[i * arch.vocab() + r.nextInt(arch.vocab())] = 1f;
        }
        return HostCopy.floats(m, x, new Shape(batch, arch.seqLen(), arch.vocab()));
    }

    private static <T> T withoutGraph(Supplier<T> f) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return f.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }
}
