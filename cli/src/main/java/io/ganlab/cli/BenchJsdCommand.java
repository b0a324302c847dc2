package io.ganlab.cli;

import io.ganlab.bench.JsdBench;
import io.ganlab.bench.MarkovChain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench jsd}: time and peak heap to build the true n-gram models (n = 1..6) of a benchmark-shaped
 * dataset, and time to score samples, measured in a child JVM with a capped heap. The dataset (lines from a
 * character Markov chain, written in the corpus format) goes through the same code path as a real one.
 */
@Command(name = "jsd", mixinStandardHelpOptions = true,
        header = "Measure building the true n-gram models (time, peak heap) and scoring samples for n = 1..6.")
final class BenchJsdCommand implements Callable<Integer> {
    @Option(names = "--lines", paramLabel = "N", defaultValue = "10000000",
            description = "Training lines of the generated dataset (default: ${DEFAULT-VALUE}, as the reference).")
    long lines;

    @Option(names = "--valid", paramLabel = "N", defaultValue = "10000",
            description = "Validation lines, for the floor (default: ${DEFAULT-VALUE}).")
    long valid;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "6400",
            description = "Samples scored (default: ${DEFAULT-VALUE}, as FOGAN; 640 are also timed).")
    int samples;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "11",
            description = "Scorings timed; the median is printed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--vocab", paramLabel = "V", defaultValue = "76",
            description = "Vocabulary size of the dataset (default: ${DEFAULT-VALUE}, the chain's 74 symbols, unk and"
                    + " padding). The text is the same for every V; the unused symbols only widen the models' n-gram"
                    + " keys (2048, the reference's cap, needs two 64-bit words at n = 6), not the counting.")
    int vocab;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "6g",
            description = "Heap cap (-Xmx) of the measured JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where the dataset goes (default: a new temporary directory, deleted after). A dataset"
                    + " already there with the same number of lines is reused; its cached models are always"
                    + " deleted first, so the build is measured.")
    Path workdir;

    @Option(names = "--reuse-models",
            description = "Keep the true models cached in the work directory by an earlier run: measures loading"
                    + " them and scoring, not building them.")
    boolean reuseModels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (lines < 1 || valid < 0 || samples < 1 || repeats < 1) {
            throw new UsageException("--lines, --samples and --repeats must be >= 1, --valid >= 0");
        }
        if (vocab < MarkovChain.MIN_VOCAB || vocab > MarkovChain.MAX_VOCAB) {
            throw new UsageException("--vocab must lie in " + MarkovChain.MIN_VOCAB + ".." + MarkovChain.MAX_VOCAB
                    + ", got " + vocab);
        }
        JsdBench.run(new JsdBench.Settings(lines, valid, samples, repeats, vocab, heap, workdir, reuseModels),
                spec.commandLine().getOut());
        return 0;
    }
}
