package io.ganlab.corpus.source;

import io.ganlab.corpus.CorpusException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the files behind the user's input paths, in reading order, and tells what each one is.
 *
 * <p>Understood: the One Billion Word archive ({@code .tar.gz}, read in place), its extracted directory
 * (training shards in numeric order, and the held-out folder, see {@link Benchmark}), plain text files,
 * {@code .gz} files, and directories of these. Inside a directory, files are taken by name, sorted by path;
 * hidden, empty and other files are skipped and counted, and so are symbolic links to directories (they are not
 * followed: a link can lead back into the tree). A file reached twice (named twice, inside two named directories,
 * or through a link) is read once, at its first place.
 */
public final class InputFiles {
    /** How a file is stored. */
    public enum Kind {
        PLAIN("plain"), GZIP("gzip"), TAR_GZ("tar.gz");
        public final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    /**
     * One file to read; {@code benchmark} marks One Billion Word shards (always one sentence per line);
     * {@code named} whether the user gave this path itself (not found inside a directory).
     */
    public record InputFile(Path path, Kind kind, Role role, boolean benchmark, long bytes, boolean named) {}

    /**
     * What discovery found.
     *
     * @param duplicates  files left out because they had been found before, each said as "path is given twice" or
     *                    "path is the same file as first"
     * @param linkedDirs  symbolic links to directories inside input directories, skipped
     */
    public record Found(List<InputFile> files, int emptySkipped, int otherSkipped, List<String> duplicates,
                        int linkedDirs) {
        public boolean hasHeldout() {
            return files.stream().anyMatch(f -> f.role == Role.HELDOUT || f.kind == Kind.TAR_GZ);
        }
    }

    private final Map<Path, Path> seen = new HashMap<>(); // real path -> where it was first found
    private final List<String> duplicates = new ArrayList<>();
    private int emptySkipped;
    private int otherSkipped;
    private int linkedDirs;

    private InputFiles() {}

    public static Found discover(List<Path> inputs) {
        InputFiles d = new InputFiles();
        List<InputFile> files = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new CorpusException(p + ": no such file or directory");
            }
            if (!Files.isReadable(p)) {
                throw new CorpusException(p + ": not readable (permission denied)");
            }
            if (Files.isDirectory(p)) {
                int emptyBefore = d.emptySkipped;
                int duplicatesBefore = d.duplicates.size();
                List<InputFile> found = d.directory(p);
                if (found.isEmpty() && d.duplicates.size() == duplicatesBefore) {
                    int empty = d.emptySkipped - emptyBefore;
                    throw new CorpusException(p + ": no text in this directory (looked for *.txt, *.text, *.gz, "
                            + "*.tar.gz and One Billion Word shards" + (empty > 0 ? "; " + empty
                            + " empty files" : "") + ")");
                }
                files.addAll(found);
            } else {
                if (!Files.isRegularFile(p)) {
                    // a pipe reports size 0 and can be read once; preparation reads its inputs more than once
                    throw new CorpusException(p + ": not a regular file (a pipe or a device); corpus prepare reads"
                            + " its inputs more than once, so write the text to a file first");
                }
                InputFile f = file(p, true);
                if (f.bytes() == 0) {
                    throw new CorpusException(p + ": empty file");
                }
                if (d.firstTime(p)) {
                    files.add(f);
                }
            }
        }
        return new Found(files, d.emptySkipped, d.otherSkipped, List.copyOf(d.duplicates), d.linkedDirs);
    }

    /** True the first time a file is met, by its real path; later meetings are recorded as duplicates. */
    private boolean firstTime(Path p) {
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new CorpusException(p + ": cannot resolve (" + e.getMessage() + ")", e);
        }
        Path first = seen.putIfAbsent(real, p);
        if (first != null) {
            duplicates.add(p.equals(first) ? p + " is given twice" : p + " is the same file as " + first);
            return false;
        }
        return true;
    }

    private List<InputFile> directory(Path dir) {
        Path train = dir.resolve(Benchmark.TRAIN_DIR);
        Path held = dir.resolve(Benchmark.HELDOUT_DIR);
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (Files.isDirectory(train) || name.equals(Benchmark.TRAIN_DIR) || name.equals(Benchmark.HELDOUT_DIR)) {
            List<InputFile> out = new ArrayList<>();
            if (Files.isDirectory(train)) {
                out.addAll(shards(train, Benchmark.TRAIN_SHARD, Role.TRAIN));
            } else if (name.equals(Benchmark.TRAIN_DIR)) {
                out.addAll(shards(dir, Benchmark.TRAIN_SHARD, Role.TRAIN));
            } else {
                out.addAll(shards(dir, Benchmark.HELDOUT_SHARD, Role.HELDOUT));
            }
            if (Files.isDirectory(held)) {
                out.addAll(shards(held, Benchmark.HELDOUT_SHARD, Role.HELDOUT));
            }
            return out;
        }
        List<InputFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.filter(f -> !f.equals(dir))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
            for (Path f : all) {
                if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // walked into
                }
                if (Files.isSymbolicLink(f) && Files.isDirectory(f)) {
                    linkedDirs++;
                    continue;
                }
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean text = n.endsWith(".txt") || n.endsWith(".text") || n.endsWith(".gz") || n.endsWith(".tgz")
                        || Benchmark.TRAIN_SHARD.matcher(n).matches() || Benchmark.HELDOUT_SHARD.matcher(n).matches();
                if (!text) {
                    otherSkipped++;
                    continue;
                }
                InputFile in = file(f, false);
                if (in.bytes() == 0) {
                    emptySkipped++;
                    continue;
                }
                if (firstTime(f)) {
                    out.add(in);
                }
            }
        } catch (IOException e) {
            throw new CorpusException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private List<InputFile> shards(Path dir, Pattern pattern, Role role) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> shards = s.filter(f -> pattern.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(f -> Benchmark.shardNumber(f.getFileName().toString(), pattern)))
                    .toList();
            List<InputFile> out = new ArrayList<>();
            for (Path f : shards) {
                if (firstTime(f)) {
                    out.add(new InputFile(f, Kind.PLAIN, role, true, Files.size(f), false));
                }
            }
            return out;
        } catch (IOException e) {
            throw new CorpusException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    private static InputFile file(Path f, boolean named) {
        String n = f.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new CorpusException(f + ": cannot read size (" + e.getMessage() + ")", e);
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return new InputFile(f, Kind.TAR_GZ, Role.TRAIN, true, size, named);
        }
        Kind kind = lower.endsWith(".gz") ? Kind.GZIP : Kind.PLAIN;
        String base = kind == Kind.GZIP ? n.substring(0, n.length() - 3) : n;
        if (Benchmark.HELDOUT_SHARD.matcher(base).matches()) {
            return new InputFile(f, kind, Role.HELDOUT, true, size, named);
        }
        return new InputFile(f, kind, Role.TRAIN, Benchmark.TRAIN_SHARD.matcher(base).matches(), size, named);
    }
}
