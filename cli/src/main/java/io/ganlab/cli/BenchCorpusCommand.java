package io.ganlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.PrepareOptions;
import io.ganlab.corpus.Preparer;
import io.ganlab.common.StagedOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench corpus}: end-to-end throughput and peak heap of {@code corpus prepare} on a generated
 * input shaped like the One Billion Word benchmark, run in a child JVM with a capped heap.
 */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        header = "Measure 'corpus prepare' throughput (MB/s) and peak heap on generated benchmark-shaped text.")
final class BenchCorpusCommand implements Callable<Integer> {
    @Option(names = "--size-mb", paramLabel = "MB", defaultValue = "1024",
            description = "Size of the generated input (default: ${DEFAULT-VALUE}).")
    int sizeMb;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "2g",
            description = "Heap cap (-Xmx) of the measured JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--max-examples", paramLabel = "N", defaultValue = "10000000",
            description = "--max-examples of the measured run (default: ${DEFAULT-VALUE}; the input holds fewer"
                    + " lines than that at 1 GB, so all of it is read).")
    long maxExamples;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where the input and dataset go (default: a new temporary directory, deleted after).")
    Path workdir;

    @Option(names = "--archive", description = "Also measure reading the same input as a .tar.gz archive.")
    boolean archive;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sizeMb < 1) {
            throw new UsageException("--size-mb must be >= 1");
        }
        boolean temp = workdir == null;
        Path dir = temp ? Files.createTempDirectory("ganlab-bench-corpus") : workdir;
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path input = dir.resolve("1-billion-word-language-modeling-benchmark-r13output");
            long bytes = generate(input, (long) sizeMb << 20, 7L);
            System.err.printf("generated %,d MB of benchmark-shaped text in %s%n", bytes >> 20, input);
            JsonNode r = runChild(input, dir.resolve("dataset"));
            print(out, "directory", r, bytes);
            if (archive) {
                Path tgz = dir.resolve("1-billion-word-language-modeling-benchmark-r13output.tar.gz");
                System.err.println("packing " + tgz + " (tar + gzip) ...");
                Process p = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", dir.toString(),
                        input.getFileName().toString()).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IOException("tar failed");
                }
                JsonNode a = runChild(tgz, dir.resolve("dataset-tgz"));
                print(out, "tar.gz (" + (Files.size(tgz) >> 20) + " MB compressed)", a, bytes);
            }
        } finally {
            if (temp) {
                StagedOutput.deleteTree(dir);
            }
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, String what, JsonNode r, long bytes) {
        double secs = r.get("seconds").asDouble();
        double read = r.get("bytesRead").asLong() / 1048576.0;
        out.printf("corpus prepare, %s input of %,.0f MB: read %,.0f MB (%,d lines) in %.2f s = %.1f MB/s end to end;"
                        + " peak heap %,d MB (-Xmx%s); %d cores, Java %s%n", what, bytes / 1048576.0, read,
                r.get("lines").asLong(), secs, read / secs, r.get("peakHeapBytes").asLong() >> 20, heap,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.flush();
    }

    private JsonNode runChild(Path input, Path output) throws IOException, InterruptedException {
        return MeasuredChild.run(heap, Child.class, input.toString(), output.toString(), String.valueOf(maxExamples));
    }

    /** The measured run: prepare, then print seconds, lines and peak heap as JSON. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            PrepareOptions o = PrepareOptions.defaults(List.of(Path.of(args[0])), Path.of(args[1]))
                    .withMaxExamples(Long.parseLong(args[2])).withForce(true);
            MeasuredChild.resetPeakHeap();
            long t0 = System.nanoTime();
            ByteProgress progress = new ByteProgress("prepare", false, System.err);
            Manifest m = Preparer.prepare(o, progress);
            double secs = (System.nanoTime() - t0) / 1e9;
            long peak = MeasuredChild.peakHeapBytes();
            System.out.printf("{\"seconds\": %.4f, \"lines\": %d, \"bytesRead\": %d, \"peakHeapBytes\": %d}%n",
                    secs, m.counts().linesRead(), progress.bytesRead(), peak);
        }
    }

    /**
     * Writes tokenized-sentence shards like the benchmark's: Zipf-distributed words (mostly ASCII, some
     * accented), punctuation tokens, about 27 tokens per sentence, ~100-byte shards named like the real ones.
     */
    static long generate(Path root, long bytes, long seed) throws IOException {
        Path train = root.resolve("training-monolingual.tokenized.shuffled");
        Path held = root.resolve("heldout-monolingual.tokenized.shuffled");
        Files.createDirectories(train);
        Files.createDirectories(held);
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] words = new byte[50_000][];
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
            words[i] = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        // Zipf ranks by inverse transform on a precomputed CDF
        double[] cdf = new double[words.length];
        double sum = 0;
        for (int i = 0; i < words.length; i++) {
            sum += 1.0 / (i + 1);
            cdf[i] = sum;
        }
        byte[][] punct = {",".getBytes(), ".".getBytes(), "\"".getBytes(), "'s".getBytes(), "--".getBytes()};
        long shardBytes = Math.max(1 << 20, Math.min(128L << 20, bytes / 8));
        long written = 0;
        int shard = 1;
        while (written < bytes) {
            long target = Math.min(shardBytes, bytes - written);
            Path f = train.resolve(String.format("news.en-%05d-of-00100", shard++));
            written += writeShard(f, target, rnd, words, cdf, sum, punct);
        }
        writeShard(held.resolve("news.en.heldout-00000-of-00050"), Math.min(bytes / 50 + 1, 8L << 20), rnd, words,
                cdf, sum, punct);
        return written;
    }

    private static long writeShard(Path f, long target, SplittableRandom rnd, byte[][] words, double[] cdf,
                                   double sum, byte[][] punct) throws IOException {
        long n = 0;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            while (n < target) {
                int tokens = 5 + (int) Math.abs(rnd.nextGaussian() * 10 + 17);
                for (int t = 0; t < tokens; t++) {
                    byte[] w;
                    if (t > 0 && rnd.nextInt(12) == 0) {
                        w = punct[rnd.nextInt(punct.length)];
                    } else {
                        int idx = java.util.Arrays.binarySearch(cdf, rnd.nextDouble() * sum);
                        w = words[Math.min(words.length - 1, idx < 0 ? -idx - 1 : idx)];
                    }
                    if (t > 0) {
                        os.write(' ');
                        n++;
                    }
                    os.write(w);
                    n += w.length;
                }
                os.write(" .\n".getBytes(StandardCharsets.US_ASCII));
                n += 3;
            }
        }
        return n;
    }
}
