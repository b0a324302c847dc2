package io.ganlab.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Text shaped like the One Billion Word benchmark's tokenized sentences, for timing {@code corpus prepare}:
 * Zipf-distributed words (mostly ASCII, some accented), punctuation tokens, about 27 tokens per sentence, in
 * shards of up to 128 MB named like the real ones, with a held-out folder.
 */
public final class BenchmarkShapedText {
    /** The name of the benchmark's extracted folder. */
    public static final String ROOT = "1-billion-word-language-modeling-benchmark-r13output";
    public static final String TRAIN = "training-monolingual.tokenized.shuffled";
    public static final String HELDOUT = "heldout-monolingual.tokenized.shuffled";

    private static final byte[][] PUNCTUATION = {bytes(","), bytes("."), bytes("\""), bytes("'s"), bytes("--")};
    private static final byte[] SENTENCE_END = bytes(" .\n");

    private final SplittableRandom rnd;
    private final byte[][] words = new byte[50_000][];
    private final double[] cdf = new double[words.length];   // unnormalised Zipf cumulative weights by rank
    private final double sum;

    private BenchmarkShapedText(long seed) {
        rnd = new SplittableRandom(seed);
        String letters = "etaoinshrdlcumwfgypbvkjxqz";
        for (int i = 0; i < words.length; i++) {
            int len = 1 + (int) Math.min(14, Math.abs(rnd.nextGaussian() * 3 + 4));
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < len; k++) {
                int idx = (int) Math.min(letters.length() - 1, Math.abs(rnd.nextGaussian() * 7));
                sb.append(letters.charAt(idx));
            }
            if (rnd.nextInt(20) == 0) {
                sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
            }
            if (rnd.nextInt(200) == 0) {
                sb.append(rnd.nextBoolean() ? "\u00e9" : "\u2019s");
            }
            words[i] = bytes(sb.toString());
        }
        double s = 0;
        for (int i = 0; i < words.length; i++) {
            s += 1.0 / (i + 1);
            cdf[i] = s;
        }
        sum = s;
    }

    /**
     * Writes at least {@code bytes} bytes of training shards under {@code root} (whole sentences, so a little
     * more), plus one held-out shard of about 2% of that (at most 8 MB). Returns the training bytes written.
     */
    public static long write(Path root, long bytes, long seed) throws IOException {
        Path train = Files.createDirectories(root.resolve(TRAIN));
        Path held = Files.createDirectories(root.resolve(HELDOUT));
        BenchmarkShapedText text = new BenchmarkShapedText(seed);
        long shardBytes = Math.max(1 << 20, Math.min(128L << 20, bytes / 8));
        long written = 0;
        int shard = 1;
        while (written < bytes) {
            long target = Math.min(shardBytes, bytes - written);
            written += text.writeShard(train.resolve(String.format("news.en-%05d-of-00100", shard++)), target);
        }
        text.writeShard(held.resolve("news.en.heldout-00000-of-00050"), Math.min(bytes / 50 + 1, 8L << 20));
        return written;
    }

    /** Whole sentences until at least {@code target} bytes are written; returns the bytes written. */
    private long writeShard(Path f, long target) throws IOException {
        long n = 0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            while (n < target) {
                int tokens = 5 + (int) Math.abs(rnd.nextGaussian() * 10 + 17);
                for (int t = 0; t < tokens; t++) {
                    byte[] w;
                    if (t > 0 && rnd.nextInt(12) == 0) {
                        w = PUNCTUATION[rnd.nextInt(PUNCTUATION.length)];
                    } else {
                        int idx = Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
                        w = words[Math.min(words.length - 1, idx < 0 ? -idx - 1 : idx)];
                    }
                    if (t > 0) {
                        os.write(' ');
                        n++;
                    }
                    os.write(w);
                    n += w.length;
                }
                os.write(SENTENCE_END);
                n += SENTENCE_END.length;
            }
        }
        return n;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
