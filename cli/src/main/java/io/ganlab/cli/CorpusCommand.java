package io.ganlab.cli;

import picocli.CommandLine.Command;

/** {@code gan corpus}: from raw text to an encoded dataset. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        header = "Prepare, inspect and sample character datasets.",
        subcommands = {CorpusPrepareCommand.class, CorpusStatsCommand.class, CorpusSampleCommand.class,
                CorpusFetchCommand.class})
final class CorpusCommand {}
