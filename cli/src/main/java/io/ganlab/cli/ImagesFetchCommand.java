package io.ganlab.cli;

import io.ganlab.imagegan.data.FashionMnist;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan images fetch}. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        header = "Fetch an image data set once (with the machine's apt-get) into a cache directory.",
        description = "fashion-mnist: Fashion-MNIST (70,000 28x28 gray images of clothes, 10 classes, MIT licence),"
                + " from the Debian package " + FashionMnist.PACKAGE + ", with a prepare.yaml beside it."
                + " Nothing else is ever downloaded.")
final class ImagesFetchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Data set to fetch: ${COMPLETION-CANDIDATES}.",
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
            super(java.util.List.of(FashionMnist.NAME));
        }
    }

    @Override
    public Integer call() {
        if (!FashionMnist.NAME.equals(name)) {
            throw new UsageException("unknown data set '" + name + "'; known: " + FashionMnist.NAME);
        }
        Path dir = FashionMnist.fetch(cache == null ? FashionMnist.defaultCache() : cache, force, System.err::println);
        var out = spec.commandLine().getOut();
        out.println(dir);
        out.flush();
        System.err.println("next: gan images prepare --config " + dir.resolve(FashionMnist.CONFIG) + " --output DIR");
        return 0;
    }
}
