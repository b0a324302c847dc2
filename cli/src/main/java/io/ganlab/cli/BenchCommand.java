package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan bench}: benchmarks that print the figures quoted in the README. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Benchmarks that print the speed and memory figures quoted in the README.",
        subcommands = {BenchCorpusCommand.class, BenchJsdCommand.class, BenchTextganCommand.class,
                BenchImageganCommand.class})
final class BenchCommand {}
