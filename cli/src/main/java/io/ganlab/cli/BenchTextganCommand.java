package io.ganlab.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.ganlab.bench.ConvolutionPasses;
import io.ganlab.bench.InterleavedComparison;
import io.ganlab.bench.PeerComparison;
import io.ganlab.bench.PytorchPeer;
import io.ganlab.bench.TextganStepBench;
import io.ganlab.bench.StepVariant;
import io.ganlab.bench.Bf16Accuracy;
import io.ganlab.core.CpuConvolution;
import io.ganlab.core.InputGradient;
import io.ganlab.textgan.Architecture;
import io.ganlab.textgan.GeneratorNorm;
import io.ganlab.core.Precision;
import io.ganlab.core.TrainingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench textgan}: milliseconds of one WGAN-GP critic step (generate a fake batch without graph, critic
 * loss with gradient penalty, backward, Adam) and of one generator step of the language GAN, and the growth of
 * resident memory over the critic steps. Also times our Adam step against DJL's on the critic's parameters.
 * With {@code --against-pytorch}: the same steps against an eager PyTorch script of the same networks, alternating
 * fresh processes of each, and the ratio ours/theirs per width.
 */
@Command(name = "textgan", mixinStandardHelpOptions = true,
        header = "Measure WGAN-GP critic and generator step times (median ms) and memory growth of the language GAN.")
final class BenchTextganCommand implements Callable<Integer> {
    /**
     * Step counts of a standalone run and of each child of the comparison: critic, generator, warm-up. A child
     * compares steady states: our JVM's DIM 64 critic step took 20–60% longer over steps 10–60 than in its steady
     * state, reached after about 100 steps (medians per window of 50 steps), while eager PyTorch's is steady from the
     * first; each side's warm-up time is printed apart.
     */
    private static final int[] ALONE = {500, 100, 30};
    private static final int[] PER_CHILD = {50, 20, 100};
    /** Critic steps over which bf16 is compared with FP32. */
    private static final int ACCURACY_STEPS = 20;
    /** --convolutions: calls per timed loop, and loops per pass (the fastest counts). */
    private static final int CONVOLUTION_CALLS = 50;
    private static final int CONVOLUTION_REPEATS = 7;

    @Option(names = "--dims", paramLabel = "D,...", split = ",", defaultValue = "64,128",
            description = "Widths (DIM) to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> dims;

    @Option(names = "--steps", paramLabel = "N",
            description = "Measured critic steps per width; RSS growth is taken over them (default: 500;"
                    + " with --against-pytorch 50 per process).")
    Integer steps;

    @Option(names = "--generator-steps", paramLabel = "N",
            description = "Measured generator steps per width (default: 100; with --against-pytorch 20 per process).")
    Integer generatorSteps;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Unmeasured steps of each kind first (default: 30; with --against-pytorch 100 per process,"
                    + " which our JVM takes to reach its steady step time; their duration is printed).")
    Integer warmup;

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

    @Option(names = "--against-pytorch",
            description = "Compare with eager PyTorch (bench/python/textgan_steps.py, the same networks and steps):"
                    + " ours and PyTorch alternately in fresh processes with the same threads, and per width the"
                    + " ratio ours/PyTorch. Needs Python with PyTorch (Debian: apt-get install python3-torch);"
                    + " without it our figures only and one line saying why.")
    boolean againstPytorch;

    @Option(names = "--interleave",
            description = "With --against-pytorch: keep our children and PyTorch's alive together and let them take"
                    + " turns at blocks of 5 steps (--steps and --generator-steps per child), for a machine whose load"
                    + " drifts; the ratio per width is the median over blocks. --rounds does not apply.")
    boolean interleave;

    @Option(names = "--rounds", paramLabel = "N",
            description = "With --against-pytorch: rounds of (ours, PyTorch) per width (default: 3).")
    Integer rounds;

    @Option(names = "--python", paramLabel = "PATH",
            description = "With --against-pytorch: the Python interpreter that has PyTorch (default: python3).")
    String python;

    @Option(names = "--precision", paramLabel = "P,...", split = ",", defaultValue = "fp32",
            description = "The steps' arithmetic, each timed in turn: fp32, bf16 or fp32,bf16 (default:"
                    + " ${DEFAULT-VALUE}). With --against-pytorch each is compared with PyTorch's FP32.")
    List<String> precision;

    @Option(names = "--input-gradient", paramLabel = "M,...", split = ",", defaultValue = "explicit",
            description = "How the penalty takes the critic's input gradient, each timed in turn with each precision:"
                    + " explicit (training's default), autograd, or both (default: ${DEFAULT-VALUE}). PyTorch's"
                    + " script takes autograd's.")
    List<String> inputGradient;

    @Option(names = "--convolutions",
            description = "Instead of the steps: time the residual convolution's forward, input-gradient and"
                    + " weight-gradient passes alone (most of both steps' work), per width and precision; with"
                    + " --against-pytorch also eager PyTorch's, alternately (--rounds), and the ratios.")
    boolean convolutions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The options with their defaults filled in, checked. */
    record Resolved(List<Integer> dims, int steps, int generatorSteps, int warmup, boolean againstPytorch, int rounds,
                    String python, List<StepVariant> variants) {}

    Resolved resolved() {
        if (!againstPytorch && (rounds != null || python != null || interleave)) {
            throw new UsageException("--rounds, --python and --interleave go with --against-pytorch");
        }
        if (convolutions && (interleave || inputGradient.size() != 1 || !inputGradient.get(0).equals("explicit"))) {
            throw new UsageException("--interleave and --input-gradient do not apply with --convolutions");
        }
        if (interleave && rounds != null) {
            throw new UsageException("--rounds does not apply with --interleave (the blocks are its rounds)");
        }
        for (int d : dims) {
            if (d < 1) {
                throw new UsageException("--dims must be positive widths, got " + d);
            }
        }
        int[] defaults = againstPytorch ? PER_CHILD : ALONE;
        Resolved r = new Resolved(dims, steps == null ? defaults[0] : steps,
                generatorSteps == null ? defaults[1] : generatorSteps, warmup == null ? defaults[2] : warmup,
                againstPytorch, rounds == null ? 3 : rounds, python == null ? "python3" : python,
                StepVariant.all(precisions(precision), methods(inputGradient)));
        if (r.steps() < 1 || r.generatorSteps() < 1 || r.warmup() < 0 || batch < 1 || vocab < 2 || length < 1) {
            throw new UsageException("--steps, --generator-steps, --batch, --length must be >= 1, --vocab >= 2,"
                    + " --warmup >= 0");
        }
        if (r.rounds() < 1) {
            throw new UsageException("--rounds must be >= 1, got " + r.rounds());
        }
        return r;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Resolved r = resolved();
        Device device = Engine.getInstance().defaultDevice();
        for (int d : r.dims()) {
            try {
                CpuConvolution.requireTrainableWidth("--dims: DIM", d, device);
            } catch (TrainingException e) {
                throw new UsageException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Devices.describe());
        out.flush();
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        String deviceName = device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
        PytorchPeer peer = null;
        if (r.againstPytorch()) {
            PytorchPeer.Probe probe = PytorchPeer.probe(r.python());
            peer = probe.peer().orElse(null);
            if (peer == null) {
                ours(r, threads, deviceName, out);
                out.println("comparison with PyTorch skipped: " + probe.whyNot() + "; install PyTorch (Debian:"
                        + " apt-get install python3-torch) or name an interpreter that has it with --python");
                out.flush();
                return 0;
            }
        }
        if (peer == null) {
            ours(r, threads, deviceName, out);
        } else if (convolutions) {
            ConvolutionPasses.run(convolutionSettings(r, r.rounds(), threads, deviceName), peer, out);
        } else {
            PeerComparison.Settings settings = new PeerComparison.Settings(r.dims(), r.rounds(), r.steps(),
                    r.generatorSteps(), r.warmup(), batch, vocab, length, threads, seed, deviceName, r.variants());
            if (interleave) {
                InterleavedComparison.run(settings, peer, out);
            } else {
                PeerComparison.run(settings, peer, out);
            }
        }
        return 0;
    }

    /** Our figures alone: the steps (and bf16's accuracy), or with --convolutions the passes, one round. */
    private void ours(Resolved r, int threads, String deviceName, PrintWriter out)
            throws IOException, InterruptedException {
        if (convolutions) {
            ConvolutionPasses.run(convolutionSettings(r, 1, threads, deviceName), null, out);
            return;
        }
        for (StepVariant v : r.variants()) {
            TextganStepBench.run(new TextganStepBench.Settings(r.dims(), r.steps(), r.generatorSteps(), r.warmup(),
                    batch, vocab, length, seed, v), out);
        }
        if (r.variants().stream().anyMatch(v -> v.precision() == Precision.BF16)) {
            for (int d : r.dims()) {
                Bf16Accuracy.print(out, new Architecture(length, vocab, d, 128, 5, GeneratorNorm.NONE), batch, seed,
                        ACCURACY_STEPS);
            }
        }
    }

    private ConvolutionPasses.Settings convolutionSettings(Resolved r, int rounds, int threads, String deviceName) {
        List<Precision> ps = r.variants().stream().map(StepVariant::precision).distinct().toList();
        return new ConvolutionPasses.Settings(r.dims(), ps, batch, length, threads, rounds, CONVOLUTION_CALLS,
                CONVOLUTION_REPEATS, deviceName);
    }

    /** The --input-gradient list, each name checked, without repeats. */
    static List<InputGradient.Method> methods(List<String> names) {
        return named(names, "--input-gradient", InputGradient.Method::named);
    }

    /** The --precision list, each name checked, without repeats. */
    static List<Precision> precisions(List<String> names) {
        return named(names, "--precision", Precision::named);
    }

    private static <T> List<T> named(List<String> names, String option, java.util.function.Function<String, T> parse) {
        java.util.LinkedHashSet<T> out = new java.util.LinkedHashSet<>();
        for (String n : names) {
            out.add(UsageException.parsing(option, () -> parse.apply(n)));
        }
        return List.copyOf(out);
    }
}
