package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan eval}: scoring samples against a dataset. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "Evaluate samples: n-gram Jensen-Shannon divergence (text); classifier score, FID and KID (images).",
        subcommands = {EvalJsdCommand.class, EvalImagesCommand.class, EvalClassifierCommand.class})
final class EvalCommand {}
