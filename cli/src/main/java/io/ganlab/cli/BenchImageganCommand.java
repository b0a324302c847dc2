package io.ganlab.cli;

import io.ganlab.core.Precision;

import io.ganlab.bench.ImageganStepBench;
import io.ganlab.imagegan.nets.ImageArchitecture;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan bench imagegan}. */
@Command(name = "imagegan", mixinStandardHelpOptions = true,
        header = "Time the image GANs' critic and generator steps (the training session's own) and watch memory.",
        description = {"For each architecture: median, p10 and p90 milliseconds of the WGAN-GP critic step (penalty "
                + "included) and of the generator step, the change of resident memory over the critic steps, and the "
                + "steps that left a non-finite weight. The same model in eager PyTorch can be timed on the same "
                + "machine for a ratio."})
final class BenchImageganCommand implements Callable<Integer> {
    @Option(names = "--archs", paramLabel = "A,...", split = ",", defaultValue = "cifar-dcgan,cifar-resnet",
            description = "Architectures (default: ${DEFAULT-VALUE}).")
    List<String> archs;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "500", description = "Measured critic steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--generator-steps", paramLabel = "N", defaultValue = "50", description = "Measured generator steps (default: ${DEFAULT-VALUE}).")
    int generatorSteps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10", description = "Unmeasured steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "0", description = "Width (default: each architecture's own).")
    int dim;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--precision", paramLabel = "P,...", split = ",", defaultValue = "fp32",
            description = "The steps' arithmetic, each timed in turn: fp32, bf16 or fp32,bf16 (default: ${DEFAULT-VALUE}).")
    List<String> precision;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String a : archs) {
            if (!ImageArchitecture.NAMES.contains(a)) {
                throw new UsageException("unknown architecture '" + a + "'; choose from " + String.join(", ",
                        ImageArchitecture.NAMES));
            }
        }
        if (steps < 2 || generatorSteps < 1 || warmup < 0 || batch < 1 || dim < 0) {
            throw new UsageException("--steps must be >= 2, --generator-steps and --batch >= 1, --warmup and --dim >= 0");
        }
        List<Precision> precisions = BenchTextganCommand.precisions(precision);
        var out = spec.commandLine().getOut();
        out.println(Devices.describe());
        for (Precision p : precisions) {
            ImageganStepBench.run(new ImageganStepBench.Settings(archs, steps, generatorSteps, warmup, batch, dim, seed,
                    p), out);
        }
        return 0;
    }
}
