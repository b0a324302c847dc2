package io.ganlab.bench;

import io.ganlab.common.StagedOutput;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.PrepareOptions;
import io.ganlab.corpus.Preparer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * End-to-end throughput and peak heap of {@code corpus prepare} on {@link BenchmarkShapedText}, measured in a
 * child JVM with a capped heap; optionally the same input packed as a {@code .tar.gz}.
 */
public final class CorpusPrepareBench {
    /**
     * What to measure.
     *
     * @param sizeBytes   size of the generated input
     * @param heap        heap cap (-Xmx) of the measured JVM
     * @param maxExamples {@code --max-examples} of the measured run
     * @param workdir     where the input and dataset go, or {@code null} for a temporary directory deleted after
     * @param archive     also measure reading the input as a {@code .tar.gz}
     */
    public record Settings(long sizeBytes, String heap, long maxExamples, Path workdir, boolean archive) {}

    /** What the measured JVM reports. */
    public record Result(double seconds, long lines, long bytesRead, long peakHeapBytes) {}

    private CorpusPrepareBench() {}

    /** Generates the input, measures, and prints one line per input form to {@code out}; progress to stderr. */
    public static void run(Settings s, PrintWriter out) throws IOException, InterruptedException {
        boolean temp = s.workdir() == null;
        Path dir = temp ? Files.createTempDirectory("ganlab-bench-corpus") : s.workdir();
        try {
            Path input = dir.resolve(BenchmarkShapedText.ROOT);
            long bytes = BenchmarkShapedText.write(input, s.sizeBytes(), 7L);
            System.err.printf("generated %,d MB of benchmark-shaped text in %s%n", bytes >> 20, input);
            print(out, "directory", measure(s, input, dir.resolve("dataset")), bytes, s.heap());
            if (s.archive()) {
                Path tgz = dir.resolve(BenchmarkShapedText.ROOT + ".tar.gz");
                System.err.println("packing " + tgz + " (tar + gzip) ...");
                Process p = new ProcessBuilder("tar", "-czf", tgz.toString(), "-C", dir.toString(),
                        input.getFileName().toString()).inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IOException("tar failed (exit " + p.exitValue() + ")");
                }
                print(out, "tar.gz (" + (Files.size(tgz) >> 20) + " MB compressed)",
                        measure(s, tgz, dir.resolve("dataset-tgz")), bytes, s.heap());
            }
        } finally {
            if (temp) {
                StagedOutput.deleteTree(dir);
            }
        }
    }

    /** Prepares {@code input} into {@code output} in a child JVM with the settings' heap cap. */
    public static Result measure(Settings s, Path input, Path output) throws IOException, InterruptedException {
        return MeasuredChild.run(s.heap(), Child.class, Result.class, input.toString(), output.toString(),
                String.valueOf(s.maxExamples()));
    }

    static void print(PrintWriter out, String what, Result r, long bytes, String heap) {
        double read = r.bytesRead() / 1048576.0;
        out.printf("corpus prepare, %s input of %,.0f MB: read %,.0f MB (%,d lines) in %.2f s = %.1f MB/s end to end;"
                        + " peak heap %,d MB (-Xmx%s); %d cores, Java %s%n", what, bytes / 1048576.0, read,
                r.lines(), r.seconds(), read / r.seconds(), r.peakHeapBytes() >> 20, heap,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.flush();
    }

    /** The measured run: prepare with the defaults and {@code --force}, then report seconds, lines and peak heap. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            PrepareOptions o = PrepareOptions.defaults(List.of(Path.of(args[0])), Path.of(args[1]))
                    .withMaxExamples(Long.parseLong(args[2])).withForce(true);
            MeasuredChild.resetPeakHeap();
            long t0 = System.nanoTime();
            ReadProgress progress = new ReadProgress("prepare");
            Manifest m = Preparer.prepare(o, progress);
            double secs = (System.nanoTime() - t0) / 1e9;
            long peak = MeasuredChild.peakHeapBytes();
            MeasuredChild.report(new Result(secs, m.counts().linesRead(), progress.bytesRead(), peak));
        }
    }

    /** Bytes read, counted for the MB/s figure, and a line on stderr per phase and every few seconds. */
    static final class ReadProgress implements Preparer.Progress {
        private final String task;
        private long total;
        private long done;
        private long start;
        private long lastLine;

        ReadProgress(String task) {
            this.task = task;
        }

        @Override
        public void start(long totalBytes) {
            total = totalBytes;
            start = System.nanoTime();
            lastLine = start;
        }

        @Override
        public void advance(long bytes) {
            done += bytes;
            long now = System.nanoTime();
            if (now - lastLine > 5_000_000_000L) {
                lastLine = now;
                System.err.printf("%s: %,d of %,d MB, %.1f MB/s%n", task, done >> 20, total >> 20,
                        done / 1048576.0 / ((now - start) / 1e9));
            }
        }

        @Override
        public void phase(String name) {
            if (!name.equals("reading")) {
                System.err.printf("%s: %s (%.1f s)%n", task, name, (System.nanoTime() - start) / 1e9);
            }
        }

        @Override
        public void done() {
            System.err.printf("%s: read %,d MB in %.1f s%n", task, done >> 20, (System.nanoTime() - start) / 1e9);
        }

        long bytesRead() {
            return done;
        }
    }
}
