package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan eval classifier}: the domain classifier behind the classifier score and classifier FID/KID. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        header = "Train the domain classifier whose features give the classifier score and classifier FID/KID.",
        subcommands = {EvalClassifierTrainCommand.class})
final class EvalClassifierCommand {}
