package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan images}: from image files to an image dataset. */
@Command(name = "images", mixinStandardHelpOptions = true,
        header = "Prepare, fetch, inspect and sample image datasets.",
        subcommands = {ImagesPrepareCommand.class, ImagesFetchCommand.class, ImagesStatsCommand.class,
                ImagesSampleCommand.class})
final class ImagesCommand {}
