package io.ganlab.cli;

import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.EncodedLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan corpus sample}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        header = "Decode random lines of a dataset back to text, one per line.")
final class CorpusSampleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Dataset directory.")
    Path dir;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "10",
            description = "Lines to print (default: ${DEFAULT-VALUE}).")
    int count;

    @CommandLine.Mixin
    SampleChoice choice;

    @Option(names = "--keep-padding", description = "Keep the trailing '`' padding.")
    boolean keepPadding;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new UsageException("--count must be >= 1, got " + count);
        }
        boolean train = choice.train();
        Dataset ds = Dataset.open(dir);
        EncodedLines lines = train ? ds.train() : ds.valid();
        choice.requireExamples(dir, lines.size());
        SplittableRandom rnd = choice.random();
        PrintWriter out = spec.commandLine().getOut();
        short[] ids = new short[ds.seqLen()];
        for (int i = 0; i < count; i++) {
            ds.readLine(lines, rnd.nextLong(lines.size()), ids);
            out.println(ds.vocabulary().decode(ids, !keepPadding));
        }
        out.flush();
        return 0;
    }
}
