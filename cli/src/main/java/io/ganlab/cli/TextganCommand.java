package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan textgan}: the character-level language GAN. */
@Command(name = "textgan", mixinStandardHelpOptions = true,
        header = "The character-level language GAN of the WGAN-GP paper: train and sample.",
        subcommands = {TextganTrainCommand.class, TextganSampleCommand.class})
final class TextganCommand {}
