package io.ganlab.cli;

import io.ganlab.common.DataCache;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every {@code fetch} command shares (a picocli mixin): {@code --cache} and {@code --force}, the check of the
 * data set's name, and the report: the directory on stdout, the next command on stderr. Each command keeps its own
 * fetch (its package tool).
 */
final class FetchOptions {
    /** A data set's fetch, e.g. {@code DemoCorpus::fetch}. */
    @FunctionalInterface
    interface Fetch {
        Path into(Path cacheDir, boolean force, Consumer<String> log);
    }

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache directory (default: $GANLAB_CACHE or ~/.cache/ganlab).")
    Path cache;

    @Option(names = "--force", description = "Fetch again even if a copy is cached.")
    boolean force;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    /**
     * Fetches the data set {@code name}, which must be {@code known}, and reports where it is.
     *
     * @param noun    what the command fetches, for the error on an unknown name ("corpus", "data set")
     * @param prepare the command that turns it into a dataset, for the hint on stderr ("gan corpus prepare")
     */
    int fetch(String name, String known, String noun, Fetch fetch, String prepare) {
        if (!known.equals(name)) {
            throw new UsageException("unknown " + noun + " '" + name + "'; known: " + known);
        }
        Path dir = fetch.into(cache == null ? DataCache.defaultDir() : cache, force, System.err::println);
        var out = spec.commandLine().getOut();
        out.println(dir);
        out.flush();
        System.err.println("next: " + prepare + " --config " + dir.resolve(DataCache.CONFIG) + " --output DIR");
        return 0;
    }
}
