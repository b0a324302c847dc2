package io.ganlab.cli;

import io.ganlab.bench.CorpusPrepareBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench corpus}: end-to-end throughput and peak heap of {@code corpus prepare} on a generated
 * input shaped like the One Billion Word benchmark, run in a child JVM with a capped heap.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        header = "Measure 'corpus prepare' throughput (MB/s) and peak heap on generated benchmark-shaped text.")
final class BenchCorpusCommand implements Callable<Integer> {
    @Option(names = "--size-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Size of the generated input (default: ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "2g",
            description = "Heap cap (-Xmx) of the measured JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--max-examples", paramLabel = "N", defaultValue = "10000000",
            description = "--max-examples of the measured run (default: ${DEFAULT-VALUE}; the input holds fewer"
                    + " lines than that at 1 GB, so all of it is read).")
    long maxExamples;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where the input and dataset go (default: a new temporary directory, deleted after).")
    Path workdir;

    @Option(names = "--archive", description = "Also measure reading the same input as a .tar.gz archive.")
    boolean archive;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sizeMb < 1) {
            throw new UsageException("--size-mb must be >= 1, got " + sizeMb);
        }
        if (maxExamples < 1) {
            throw new UsageException("--max-examples must be >= 1, got " + maxExamples);
        }
        CorpusPrepareBench.run(new CorpusPrepareBench.Settings((long) sizeMb << 20, heap, maxExamples, workdir,
                archive), spec.commandLine().getOut());
        return 0;
    }
}
