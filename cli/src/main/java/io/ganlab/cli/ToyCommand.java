package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan toy}: GANs on the 2-D toy sets of the WGAN-GP paper. */
@Command(name = "toy", mixinStandardHelpOptions = true,
        header = "GANs on the 2-D toy sets of the WGAN-GP paper (8 Gaussians, 25 Gaussians, Swiss roll).",
        subcommands = {ToyTrainCommand.class})
final class ToyCommand {}
