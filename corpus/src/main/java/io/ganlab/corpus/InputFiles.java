package io.ganlab.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the files behind the user's input paths, in reading order, and tells what each one is.
 *
 * <p>Understood: the One Billion Word archive ({@code .tar.gz}, read in place), its extracted directory
 * (training shards {@code news.en-000NN-of-00100} in numeric order, and the held-out folder), plain text
 * files, {@code .gz} files, and directories of these.
 */
final class InputFiles {
    static final String TRAIN_DIR = "training-monolingual.tokenized.shuffled";
    static final String HELDOUT_DIR = "heldout-monolingual.tokenized.shuffled";
    static final Pattern TRAIN_SHARD = Pattern.compile("news\\.en-(\\d{5})-of-(\\d{5})");
    static final Pattern HELDOUT_SHARD = Pattern.compile("news\\.en\\.heldout-(\\d{5})-of-(\\d{5})");

    enum Kind {
        PLAIN("plain"), GZIP("gzip"), TAR_GZ("tar.gz");
        final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    enum Role {
        TRAIN, HELDOUT;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One file to read; {@code benchmark} marks One Billion Word shards (always one sentence per line). */
    record InputFile(Path path, Kind kind, Role role, boolean benchmark, long bytes) {}

    /** What discovery found. */
    record Found(List<InputFile> files, int emptySkipped, int otherSkipped) {
        boolean hasHeldout() {
            return files.stream().anyMatch(f -> f.role == Role.HELDOUT || f.kind == Kind.TAR_GZ);
        }
    }

    private InputFiles() {}

    static Found discover(List<Path> inputs) {
        List<InputFile> files = new ArrayList<>();
        int[] skipped = new int[2];
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new CorpusException(p + ": no such file or directory");
            }
            if (!Files.isReadable(p)) {
                throw new CorpusException(p + ": not readable (permission denied)");
            }
            if (Files.isDirectory(p)) {
                List<InputFile> found = directory(p, skipped);
                if (found.isEmpty()) {
                    throw new CorpusException(p + ": no text in this directory (looked for *.txt, *.text, *.gz, "
                            + "*.tar.gz and One Billion Word shards" + (skipped[0] > 0 ? "; " + skipped[0]
                            + " empty files" : "") + ")");
                }
                files.addAll(found);
            } else {
                InputFile f = file(p);
                if (f.bytes() == 0) {
                    throw new CorpusException(p + ": empty file");
                }
                files.add(f);
            }
        }
        return new Found(files, skipped[0], skipped[1]);
    }

    private static List<InputFile> directory(Path dir, int[] skipped) {
        Path train = dir.resolve(TRAIN_DIR);
        Path held = dir.resolve(HELDOUT_DIR);
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        if (Files.isDirectory(train) || name.equals(TRAIN_DIR) || name.equals(HELDOUT_DIR)) {
            List<InputFile> out = new ArrayList<>();
            if (Files.isDirectory(train)) {
                out.addAll(shards(train, TRAIN_SHARD, Role.TRAIN));
            } else if (name.equals(TRAIN_DIR)) {
                out.addAll(shards(dir, TRAIN_SHARD, Role.TRAIN));
            } else {
                out.addAll(shards(dir, HELDOUT_SHARD, Role.HELDOUT));
            }
            if (Files.isDirectory(held)) {
                out.addAll(shards(held, HELDOUT_SHARD, Role.HELDOUT));
            }
            return out;
        }
        List<InputFile> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> all = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
            for (Path f : all) {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean text = n.endsWith(".txt") || n.endsWith(".text") || n.endsWith(".gz") || n.endsWith(".tgz")
                        || TRAIN_SHARD.matcher(n).matches() || HELDOUT_SHARD.matcher(n).matches();
                if (!text) {
                    skipped[1]++;
                    continue;
                }
                InputFile in = file(f);
                if (in.bytes() == 0) {
                    skipped[0]++;
                    continue;
                }
                out.add(in);
            }
        } catch (IOException e) {
            throw new CorpusException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static List<InputFile> shards(Path dir, Pattern pattern, Role role) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> shards = s.filter(f -> pattern.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(f -> shardNumber(f.getFileName().toString(), pattern)))
                    .toList();
            List<InputFile> out = new ArrayList<>();
            for (Path f : shards) {
                out.add(new InputFile(f, Kind.PLAIN, role, true, Files.size(f)));
            }
            return out;
        } catch (IOException e) {
            throw new CorpusException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    static int shardNumber(String name, Pattern pattern) {
        Matcher m = pattern.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static InputFile file(Path f) {
        String n = f.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        long size;
        try {
            size = Files.size(f);
        } catch (IOException e) {
            throw new CorpusException(f + ": cannot read size (" + e.getMessage() + ")", e);
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return new InputFile(f, Kind.TAR_GZ, Role.TRAIN, true, size);
        }
        Kind kind = lower.endsWith(".gz") ? Kind.GZIP : Kind.PLAIN;
        String base = kind == Kind.GZIP ? n.substring(0, n.length() - 3) : n;
        if (HELDOUT_SHARD.matcher(base).matches()) {
            return new InputFile(f, kind, Role.HELDOUT, true, size);
        }
        return new InputFile(f, kind, Role.TRAIN, TRAIN_SHARD.matcher(base).matches(), size);
    }

    /** Role of an archive member by its path, or null when the member is not a benchmark shard. */
    static Role memberRole(String member) {
        String[] parts = member.split("/");
        if (parts.length < 2) {
            return null;
        }
        String dir = parts[parts.length - 2];
        String name = parts[parts.length - 1];
        if (dir.equals(TRAIN_DIR) && TRAIN_SHARD.matcher(name).matches()) {
            return Role.TRAIN;
        }
        if (dir.equals(HELDOUT_DIR) && HELDOUT_SHARD.matcher(name).matches()) {
            return Role.HELDOUT;
        }
        return null;
    }
}
