package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan imagegan}: the image GANs of the WGAN-GP paper. */
@Command(name = "imagegan", mixinStandardHelpOptions = true,
        header = "The image GANs of the WGAN-GP paper (MNIST, CIFAR-10, LSUN architectures): train and sample.",
        subcommands = {ImageganTrainCommand.class, ImageganSampleCommand.class})
final class ImageganCommand {}
