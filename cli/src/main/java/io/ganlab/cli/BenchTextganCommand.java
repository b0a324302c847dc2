package io.ganlab.cli;

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
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.ganlab.core.Adam;
import io.ganlab.core.CpuConvolution;
import io.ganlab.core.CriticFunction;
import io.ganlab.core.HostCopy;
import io.ganlab.core.Objective;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import io.ganlab.core.ResidentMemory;
import io.ganlab.core.RandomStream;
import io.ganlab.core.Rng;
import io.ganlab.core.TrainingException;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.Critic;
import io.ganlab.textgan.Generator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench textgan}: milliseconds of one WGAN-GP critic step (generate a fake batch without graph, critic
 * loss with gradient penalty, backward, Adam) and of one generator step of the language GAN, and the growth of
 * resident memory over the critic steps. Also times our Adam step against DJL's on the critic's parameters.
 */
@Command(name = "textgan", mixinStandardHelpOptions = true,
        header = "Measure WGAN-GP critic and generator step times (median ms) and memory growth of the language GAN.")
final class BenchTextganCommand implements Callable<Integer> {
    @Option(names = "--dims", paramLabel = "D,...", split = ",", defaultValue = "64,128",
            description = "Widths (DIM) to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> dims;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "500",
            description = "Measured critic steps per width; RSS growth is taken over them (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--generator-steps", paramLabel = "N", defaultValue = "100",
            description = "Measured generator steps per width (default: ${DEFAULT-VALUE}).")
    int generatorSteps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "30",
            description = "Unmeasured steps of each kind first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--vocab", paramLabel = "V", defaultValue = "96",
            description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--length", paramLabel = "T", defaultValue = "32",
            description = "Characters per sample (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (int d : dims) {
            if (d < 1) {
                throw new UsageException("--dims must be positive widths, got " + d);
            }
            try {
                CpuConvolution.requireTrainableWidth("--dims: DIM", d, Engine.getInstance().defaultDevice());
            } catch (TrainingException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (steps < 1 || generatorSteps < 1 || warmup < 0 || batch < 1 || vocab < 2 || length < 1) {
            throw new UsageException("--steps, --generator-steps, --batch, --length must be >= 1, --vocab >= 2,"
                    + " --warmup >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        out.printf("bench textgan: WGAN-GP (lambda 10), batch %d, length %d, vocab %d, 5 residual blocks, Adam;"
                        + " %s threads, %d cores, libtorch %s%n", batch, length, vocab, threads,
                Runtime.getRuntime().availableProcessors(), Engine.getEngine("PyTorch").getVersion());
        // glibc's default trimming returns freed tensor memory to the OS every step: 3-5x slower backward
        String trim = System.getenv("MALLOC_TRIM_THRESHOLD_");
        out.printf("glibc malloc: MALLOC_TRIM_THRESHOLD_=%s%s; ONEDNN_MAX_CPU_ISA=%s%n",
                trim == null ? "unset" : trim, trim == null ? " (expect slower steps; see README)" : "",
                System.getenv().getOrDefault("ONEDNN_MAX_CPU_ISA", "unset (the CPU's best)"));
        out.flush();
        for (int d : dims) {
            measure(out, new Architecture(length, vocab, d, 128, 5, false));
        }
        return 0;
    }

    private void measure(PrintWriter out, Architecture arch) {
        Rng rng = new Rng(seed);
        Objective gp = Objectives.create(ObjectiveConfig.defaults("wgan-gp"));
        try (NDManager model = NDManager.newBaseManager("PyTorch");
             Adam criticAdam = new Adam(0.5f, 0.9f, 1e-8f);
             Adam generatorAdam = new Adam(0.5f, 0.9f, 1e-8f)) {
            Generator g = new Generator(arch);
            Critic d = new Critic(arch);
            g.initialize(model, DataType.FLOAT32, new Shape(batch, arch.latent()));
            d.initialize(model, DataType.FLOAT32, new Shape(batch, arch.seqLen(), arch.vocab()));
            List<Parameter> gParams = params(g);
            List<Parameter> dParams = params(d);
            ParameterStore ps = new ParameterStore(model, false);
            CriticFunction critic = x -> d.forward(ps, new NDList(x), true).singletonOrThrow();

            // 1. critic steps: the RSS growth is taken over the measured ones
            double[] criticMs = new double[steps];
            long rss0 = 0;
            long rssHalf = 0;
            long heap0 = 0;
            int nonFinite = 0;
            long checkNanos = 0;
            for (int t = 0; t < warmup + steps; t++) {
                if (t == warmup) {
                    System.gc();
                    rss0 = ResidentMemory.bytes();
                    heap0 = committedHeap();
                } else if (t == warmup + steps / 2) {
                    System.gc();
                    rssHalf = ResidentMemory.bytes();
                }
                long t0 = System.nanoTime();
                try (NDManager step = model.newSubManager()) {
                    NDArray real = oneHotBatch(step, rng.stream(t, RandomStream.TRAINING_DRAWS), arch);
                    NDArray z = Rng.normal(step, rng.stream(t, RandomStream.GENERATOR_STEP), new Shape(batch, arch.latent()));
                    NDArray fake = withoutGraph(() -> g.forward(ps, new NDList(z), true).singletonOrThrow());
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(gp.criticLoss(critic, real, fake, rng.stream(t, RandomStream.EVALUATION_NOISE)).value());
                    }
                    // untimed: a NaN gradient with a finite loss would otherwise pass unseen
                    long c0 = System.nanoTime();
                    if (!finiteGradients(dParams)) {
                        nonFinite++;
                    }
                    checkNanos = System.nanoTime() - c0;
                    criticAdam.step(dParams, 1e-4f);
                }
                if (t >= warmup) {
                    criticMs[t - warmup] = (System.nanoTime() - t0 - checkNanos) / 1e6;
                }
            }
            System.gc();
            long rss1 = ResidentMemory.bytes();
            long heap1 = committedHeap();

            // 2. generator steps, critic frozen so that its weights get no gradient
            double[] generatorMs = new double[generatorSteps];
            for (int t = 0; t < warmup + generatorSteps; t++) {
                long t0 = System.nanoTime();
                d.freezeParameters(true);
                try (NDManager step = model.newSubManager()) {
                    NDArray z = Rng.normal(step, rng.stream(1_000_000L + t, RandomStream.GENERATOR_STEP), new Shape(batch, arch.latent()));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray fake = g.forward(ps, new NDList(z), true).singletonOrThrow();
                        gc.backward(gp.generatorLoss(critic, null, fake, rng.stream(t, RandomStream.EVALUATION_NOISE)).value());
                    }
                    generatorAdam.step(gParams, 1e-4f);
                } finally {
                    d.freezeParameters(false);
                }
                if (t >= warmup) {
                    generatorMs[t - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }

            // 3. optimizer alone on the critic's parameters: ours against DJL's Adam
            int optSteps = Math.max(20, Math.min(200, steps));
            double[] ours = new double[optSteps];
            double[] theirs = new double[optSteps];
            ai.djl.training.optimizer.Adam djl = ai.djl.training.optimizer.Adam.builder().optBeta1(0.5f).optBeta2(0.9f)
                    .optEpsilon(1e-8f).optLearningRateTracker(Tracker.fixed(1e-4f)).build();
            for (int t = 0; t < optSteps; t++) {
                long t0 = System.nanoTime();
                criticAdam.step(dParams, 1e-4f);
                long t1 = System.nanoTime();
                for (Parameter p : dParams) {
                    try (NDArray grad = p.getArray().getGradient()) {
                        djl.update(p.getId(), p.getArray(), grad);
                    }
                }
                long t2 = System.nanoTime();
                ours[t] = (t1 - t0) / 1e6;
                theirs[t] = (t2 - t1) / 1e6;
            }

            long count = dParams.stream().mapToLong(p -> p.getArray().getShape().size()).sum();
            out.printf("DIM %d: critic step median %.1f ms (p10 %.1f, p90 %.1f, %d steps), generator step median %.1f ms"
                            + " (%d steps)%n", arch.dim(), quantile(criticMs, 0.5), quantile(criticMs, 0.1),
                    quantile(criticMs, 0.9), steps, quantile(generatorMs, 0.5), generatorSteps);
            out.printf("DIM %d: critic steps with a non-finite gradient: %d of %d%n", arch.dim(), nonFinite,
                    warmup + steps);
            // a leak grows linearly: the second half shows it without the Java heap's first touches
            out.printf("DIM %d: RSS %+d MB over the %d critic steps (%d -> %d MB; %+d MB over the second half;"
                            + " Java heap committed %+d MB)%n", arch.dim(), (rss1 - rss0) >> 20, steps, rss0 >> 20,
                    rss1 >> 20, (rss1 - rssHalf) >> 20, (heap1 - heap0) >> 20);
            out.printf("DIM %d: Adam on the critic's %,d weights: ours median %.2f ms, DJL's Adam %.2f ms%n",
                    arch.dim(), count, quantile(ours, 0.5), quantile(theirs, 0.5));
            out.flush();
        }
    }

    /** Whether every gradient of {@code params} is finite: one sum per weight, NaN and ±inf propagate. */
    private static boolean finiteGradients(List<Parameter> params) {
        double total = 0;
        for (Parameter p : params) {
            try (NDArray g = p.getArray().getGradient(); NDArray s = g.sum()) {
                total += s.getFloat();
            }
        }
        return Double.isFinite(total);
    }

    private static List<Parameter> params(Block b) {
        List<Parameter> list = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            list.add(p.getValue());
        }
        return list;
    }

    /** Exact one-hot rows of uniformly random characters, (B, T, V). */
    private NDArray oneHotBatch(NDManager m, RandomGenerator r, Architecture arch) {
        float[] x = new float[batch * arch.seqLen() * arch.vocab()];
        for (int i = 0; i < batch * arch.seqLen(); i++) {
            x[i * arch.vocab() + r.nextInt(arch.vocab())] = 1f;
        }
        return HostCopy.floats(m, x, new Shape(batch, arch.seqLen(), arch.vocab()));
    }

    private static <T> T withoutGraph(java.util.function.Supplier<T> f) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return f.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    private static long committedHeap() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
    }
}
