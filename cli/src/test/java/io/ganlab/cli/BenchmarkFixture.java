package io.ganlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tiny One Billion Word lookalike, written by the test: training shards
 * {@code training-monolingual.tokenized.shuffled/news.en-000NN-of-00100} and held-out shards
 * {@code heldout-monolingual.tokenized.shuffled/news.en.heldout-0000N-of-00050} of seeded random sentences
 * (accents, curly quotes, CJK, emoji outside the BMP, lines longer than 32 symbols, lines with leading
 * spaces, whitespace-only lines), and the same tree as the benchmark's {@code .tar.gz}.
 */
final class BenchmarkFixture {
    static final String ROOT = "1-billion-word-language-modeling-benchmark-r13output";
    static final String ARCHIVE = ROOT + ".tar.gz";
    static final String TRAIN = "training-monolingual.tokenized.shuffled";
    static final String HELDOUT = "heldout-monolingual.tokenized.shuffled";

    private static final String[] WORDS = {"the", "of", "a", "to", "in", "and", "market", "said", "caf\u00e9",
        "na\u00efve", "\u00fcber", "It\u2019s", "\u201cyes\u201d", "--", ",", ".", "\u6771\u4eac", "\uD83D\uDE00",
        "Z\u00fcrich", "$", "100", "percent", "government", "year", "Obama", "'s", "\u00e9t\u00e9"};

    final Path dir;                 // the extracted tree: dir/training-..., dir/heldout-...
    final List<Path> trainShards = new ArrayList<>();
    final List<Path> heldoutShards = new ArrayList<>();

    private BenchmarkFixture(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code trainShards} shards of about {@code linesPerShard} lines and 2 held-out shards. */
    static BenchmarkFixture write(Path parent, int trainShards, int linesPerShard, long seed) throws IOException {
        BenchmarkFixture f = new BenchmarkFixture(parent.resolve(ROOT));
        Path train = Files.createDirectories(f.dir.resolve(TRAIN));
        Path held = Files.createDirectories(f.dir.resolve(HELDOUT));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int s = 1; s <= trainShards; s++) {
            Path p = train.resolve(String.format("news.en-%05d-of-00100", s));
            Files.writeString(p, shard(rnd, linesPerShard), StandardCharsets.UTF_8);
            f.trainShards.add(p);
        }
        for (int s = 0; s < 2; s++) {
            Path p = held.resolve(String.format("news.en.heldout-%05d-of-00050", s));
            Files.writeString(p, shard(rnd, linesPerShard / 3), StandardCharsets.UTF_8);
            f.heldoutShards.add(p);
        }
        return f;
    }

    private static String shard(SplittableRandom rnd, int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int kind = rnd.nextInt(40);
            if (kind == 0) {
                sb.append(rnd.nextBoolean() ? "   " : " \t ").append('\n'); // whitespace only: skipped
                continue;
            }
            if (kind == 1) {
                sb.append(" ".repeat(40)).append("late\n"); // blank within 32 symbols, but not blank
                continue;
            }
            if (kind == 2) {
                sb.append(' '); // a leading space is kept
            }
            int words = 1 + rnd.nextInt(kind == 3 ? 40 : 9);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sb.append(' ');
                }
                sb.append(WORDS[(int) Math.min(WORDS.length - 1, Math.abs(rnd.nextGaussian()) * 8)]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Every shard, as tar member name and file, in the order given. */
    record Member(String name, Path file) {}

    /** Training and held-out shards in numeric order, as the archive lists them normally. */
    List<Member> members() {
        List<Member> m = new ArrayList<>();
        for (Path p : trainShards) {
            m.add(new Member(ROOT + "/" + TRAIN + "/" + p.getFileName(), p));
        }
        for (Path p : heldoutShards) {
            m.add(new Member(ROOT + "/" + HELDOUT + "/" + p.getFileName(), p));
        }
        return m;
    }

    /**
     * Writes the members as the benchmark's .tar.gz. Like GNU tar's output the tar stream is padded with zero
     * blocks after its end, so the gzip trailer is only checked by a reader that reads to the end.
     */
    static Path archive(Path file, List<Member> members) throws IOException {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(t)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry root = new TarArchiveEntry(ROOT + "/");
            tar.putArchiveEntry(root);
            tar.closeArchiveEntry();
            for (Member m : members) {
                byte[] data = Files.readAllBytes(m.file());
                TarArchiveEntry e = new TarArchiveEntry(m.name());
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        t.write(new byte[10240]);
        Files.createDirectories(file.getParent());
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file))) {
            t.writeTo(os);
        }
        return file;
    }
}
