package io.ganlab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import io.ganlab.core.Adam;
import io.ganlab.core.ResidentMemory;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.GeneratorNorm;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * Milliseconds of the language GAN's WGAN-GP critic and generator steps ({@link SessionSteps}), the growth of
 * resident memory over the critic steps, non-finite gradients, and our Adam step against DJL's on the critic's
 * weights.
 */
public final class TextganStepBench {
    /**
     * What to measure.
     *
     * @param dims           widths (DIM) to measure, each checked trainable by the caller
     * @param steps          measured critic steps per width; RSS growth is taken over them
     * @param generatorSteps measured generator steps per width
     * @param warmup         unmeasured steps of each kind first
     * @param variant        the steps' arithmetic and input gradient method
     */
    public record Settings(List<Integer> dims, int steps, int generatorSteps, int warmup, int batch, int vocab,
                           int length, long seed, StepVariant variant) {}

    /** Figures of one width. */
    public record Figures(int dim, double[] criticMs, double[] generatorMs, int nonFinite, long rssBefore,
                          long rssHalf, long rssAfter, long heapBefore, long heapAfter, long criticWeights,
                          double[] ourAdamMs, double[] djlAdamMs, long heldBefore, long heldHalf, long heldAfter) {}

    private TextganStepBench() {}

    /**
     * Allocates and drops as many bytes as the Java heap's young generation holds, so that every page of it is
     * resident before the baseline. A JVM touches its young generation's pages for the first time only as its
     * allocations reach them: a training step allocates about half a megabyte of Java objects, so over the first
     * few hundred steps the resident size grew by up to the young generation's size (about 120 MB under -Xmx4g)
     * before the first collection reused the pages (seen with -Xlog:gc and -XX:+AlwaysPreTouch). That is the
     * JVM's set-up, not memory the steps keep; after this the growth is the steps' own.
     */
    static void touchYoungGeneration() {
        long young = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            String n = p.getName();
            if (p.getType() == MemoryType.HEAP && (n.contains("Eden") || n.contains("Survivor"))) {
                young += p.getUsage().getCommitted();
            }
        }
        long sum = 0;
        for (long done = 0; done < young; done += 1 << 20) {
            byte[] b = new byte[1 << 20];   // zeroed by the JVM, so every page is written
            sum += b[(int) (done & 0xFFFFF)];
        }
        if (sum != 0) {
            throw new AssertionError("a new array was not zero");
        }
    }

    /** A header with the settings and the environment, then four lines per width. */
    public static void run(Settings s, PrintWriter out) {
        String threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
        out.printf("bench textgan: WGAN-GP (lambda 10), batch %d, length %d, vocab %d, 5 residual blocks, Adam, %s,"
                        + " %s input gradient; %s threads, %d cores, libtorch %s%n", s.batch(), s.length(), s.vocab(),
                s.variant().precision().label(), s.variant().inputGradient().label(), threads,
                Runtime.getRuntime().availableProcessors(), Engine.getEngine("PyTorch").getVersion());
        // glibc's default trimming returns freed tensor memory to the OS every step: 3-5x slower backward
        String trim = System.getenv("MALLOC_TRIM_THRESHOLD_");
        out.printf("glibc malloc: MALLOC_TRIM_THRESHOLD_=%s%s; ONEDNN_MAX_CPU_ISA=%s; OMP_WAIT_POLICY=%s%n",
                trim == null ? "unset" : trim, trim == null ? " (expect slower steps; see README)" : "",
                System.getenv().getOrDefault("ONEDNN_MAX_CPU_ISA", "unset (the CPU's best)"),
                PeerComparison.waitPolicy());
        out.flush();
        for (int d : s.dims()) {
            print(out, s, measure(s, new Architecture(s.length(), s.vocab(), d, 128, 5, GeneratorNorm.NONE)));
        }
    }

    /** Critic steps, then generator steps, then the optimizers alone, on one model of {@code arch}. */
    public static Figures measure(Settings s, Architecture arch) {
        try (SessionSteps steps = SessionSteps.text(arch, s.batch(), s.seed(), s.variant())) {
            return measure(s.steps(), s.generatorSteps(), s.warmup(), steps, arch.dim());
        }
    }

    /**
     * Critic steps, then generator steps, then the optimizers alone, on {@code steps} (of any modality).
     *
     * @param dim the width, recorded in the figures
     */
    public static Figures measure(int criticSteps, int generatorStepCount, int warmup, SessionSteps steps, int dim) {
        Settings s = new Settings(List.of(dim), criticSteps, generatorStepCount, warmup, 0, 0, 0, 0, StepVariant.DEFAULT);
        {
            // 1. critic steps: the RSS growth is taken over the measured ones
            double[] criticMs = new double[s.steps()];
            long rss0 = 0;
            long rssHalf = 0;
            long held0 = -1;
            long heldHalf = -1;
            long heap0 = 0;
            int[] nonFinite = {0};
            for (int t = 0; t < s.warmup() + s.steps(); t++) {
                if (t == s.warmup()) {
                    touchYoungGeneration();
                    System.gc();
                    rss0 = ResidentMemory.bytes();
                    held0 = FreeHeapPages.residentAfterRelease();     // after the plain reading, which it lowers
                    heap0 = committedHeap();
                } else if (t == s.warmup() + s.steps() / 2) {
                    System.gc();
                    rssHalf = ResidentMemory.bytes();
                    heldHalf = FreeHeapPages.residentAfterRelease();
                }
                long t0 = System.nanoTime();
                steps.criticStep(t);
                long stepNanos = System.nanoTime() - t0;
                // untimed: a NaN gradient with a finite loss shows as a non-finite weight after the update
                if (!finiteWeights(steps.criticParameters())) {
                    nonFinite[0]++;
                }
                if (t >= s.warmup()) {
                    criticMs[t - s.warmup()] = stepNanos / 1e6;
                }
            }
            System.gc();
            long rss1 = ResidentMemory.bytes();
            long held1 = FreeHeapPages.residentAfterRelease();   // after the plain reading, which it would lower
            long heap1 = committedHeap();

            // 2. generator steps
            double[] generatorMs = new double[s.generatorSteps()];
            for (int t = 0; t < s.warmup() + s.generatorSteps(); t++) {
                long t0 = System.nanoTime();
                steps.generatorStep(t);
                if (t >= s.warmup()) {
                    generatorMs[t - s.warmup()] = (System.nanoTime() - t0) / 1e6;
                }
            }

            // 3. optimizer alone on the critic's weights and last gradients: ours against DJL's Adam
            List<Parameter> dParams = steps.criticParameters();
            int optSteps = Math.max(20, Math.min(200, s.steps()));
            double[] ours = new double[optSteps];
            double[] theirs = new double[optSteps];
            ai.djl.training.optimizer.Adam djl = ai.djl.training.optimizer.Adam.builder().optBeta1(0.5f)
                    .optBeta2(0.9f).optEpsilon(1e-8f).optLearningRateTracker(Tracker.fixed(1e-4f)).build();
            try (Adam adam = new Adam(0.5f, 0.9f, 1e-8f)) {
                for (int t = 0; t < optSteps; t++) {
                    long t0 = System.nanoTime();
                    adam.step(dParams, 1e-4f);
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
            }
            long weights = dParams.stream().mapToLong(p -> p.getArray().getShape().size()).sum();
            return new Figures(dim, criticMs, generatorMs, nonFinite[0], rss0, rssHalf, rss1, heap0, heap1,
                    weights, ours, theirs, held0, heldHalf, held1);
        }
    }

    static void print(PrintWriter out, Settings s, Figures f) {
        print(out, "DIM " + f.dim(), s.warmup(), f);
    }

    /** The four lines of one measured model, each starting with {@code label}. */
    static void print(PrintWriter out, String label, int warmup, Figures f) {
        out.printf("%s: critic step median %.1f ms (p10 %.1f, p90 %.1f, %d steps), generator step median %.1f ms"
                        + " (%d steps)%n", label, quantile(f.criticMs(), 0.5), quantile(f.criticMs(), 0.1),
                quantile(f.criticMs(), 0.9), f.criticMs().length, quantile(f.generatorMs(), 0.5),
                f.generatorMs().length);
        out.printf("%s: critic steps leaving a non-finite weight (a NaN or infinite gradient): %d of %d%n", label,
                f.nonFinite(), warmup + f.criticMs().length);
        // a leak grows linearly: the second half shows it without the Java heap's first touches
        out.printf("%s: RSS %+d MB over the %d critic steps (%d -> %d MB; %+d MB over the second half;"
                        + " Java heap committed %+d MB)%n", label, (f.rssAfter() - f.rssBefore()) >> 20,
                f.criticMs().length, f.rssBefore() >> 20, f.rssAfter() >> 20, (f.rssAfter() - f.rssHalf()) >> 20,
                (f.heapAfter() - f.heapBefore()) >> 20);
        if (f.heldBefore() > 0 && f.heldHalf() > 0 && f.heldAfter() > 0) {
            // read right after each reading above, with glibc's kept free pages returned: what the steps hold
            out.printf("%s: RSS held, free heap pages returned (malloc_trim) after each reading above: %+d MB"
                            + " (%d -> %d MB; %+d MB over the second half)%n", label,
                    (f.heldAfter() - f.heldBefore()) >> 20, f.heldBefore() >> 20, f.heldAfter() >> 20,
                    (f.heldAfter() - f.heldHalf()) >> 20);
        }
        out.printf("%s: Adam on the critic's %,d weights: ours median %.2f ms, DJL's Adam %.2f ms%n",
                label, f.criticWeights(), quantile(f.ourAdamMs(), 0.5), quantile(f.djlAdamMs(), 0.5));
        out.flush();
    }

    /**
     * Whether every weight of {@code params} is finite: one sum per weight, NaN and ±inf propagate. A non-finite
     * gradient makes the Adam update, and so the weight, non-finite.
     */
    static boolean finiteWeights(List<Parameter> params) {
        double total = 0;
        for (Parameter p : params) {
            try (NDArray sum = p.getArray().sum()) {
                total += sum.getFloat();
            }
        }
        return Double.isFinite(total);
    }

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** The value at rank round(q (n - 1)) of the sorted values (nearest rank; no interpolation). */
    public static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
    }
}
