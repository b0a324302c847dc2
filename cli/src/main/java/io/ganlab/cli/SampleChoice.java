package io.ganlab.cli;

import io.ganlab.common.UserException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import picocli.CommandLine.Option;

/**
 * What the {@code sample} commands of datasets share (a picocli mixin): the split to draw from and the seed of the
 * random choice, which repeats a draw when given.
 */
final class SampleChoice {
    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random choice (default: random).")
    Long seed;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "train or valid (default: ${DEFAULT-VALUE}).")
    String split;

    /** True for the training split, false for the validation split; a usage error for anything else. */
    boolean train() {
        if (!split.equals("train") && !split.equals("valid")) {
            throw new UsageException("--split must be train or valid, got '" + split + "'");
        }
        return split.equals("train");
    }

    /** Fails, naming the dataset, when the chosen split has no examples to draw. */
    void requireExamples(Path dir, long examples) {
        if (examples == 0) {
            throw new UserException(dir + ": the " + split + " split is empty");
        }
    }

    /** The random choice: from {@code --seed}, else from a fresh seed. */
    SplittableRandom random() {
        return seed == null ? new SplittableRandom() : new SplittableRandom(seed);
    }
}
