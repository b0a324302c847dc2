package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan eval}: scoring samples against a dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "Evaluate samples: n-gram Jensen-Shannon divergence against a dataset.",
        subcommands = {EvalJsdCommand.class})
final class EvalCommand {}
