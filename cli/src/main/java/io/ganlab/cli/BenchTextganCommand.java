package io.ganlab.cli;

import ai.djl.engine.Engine;
import io.ganlab.bench.TextganStepBench;
import io.ganlab.core.CpuConvolution;
import io.ganlab.core.TrainingException;
import java.util.List;
import java.util.concurrent.Callable;
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
        TextganStepBench.run(new TextganStepBench.Settings(dims, steps, generatorSteps, warmup, batch, vocab, length,
                seed), spec.commandLine().getOut());
        return 0;
    }
}
