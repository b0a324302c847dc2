package io.ganlab.bench;

import io.ganlab.common.StagedOutput;
import io.ganlab.corpus.Dataset;
import io.ganlab.eval.JsdEvaluator;
import io.ganlab.eval.JsdReport;
import io.ganlab.eval.NgramModel;
import io.ganlab.eval.Samples;
import io.ganlab.eval.TrainLineIndex;
import io.ganlab.eval.TrueModels;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Time and peak heap to build the true n-gram models (n = 1..6) and the training-line index of a
 * {@link MarkovDataset}, and time to score samples, measured in a child JVM with a capped heap.
 */
public final class JsdBench {
    /** The orders built and scored. */
    static final int[] NS = {1, 2, 3, 4, 5, 6};

    /**
     * What to measure.
     *
     * @param lines       training lines of the generated dataset
     * @param valid       validation lines, for the floor
     * @param samples     samples scored (640 are also timed)
     * @param repeats     scorings timed; the median is reported
     * @param vocab       vocabulary size: the same text for every size, unused symbols only widen the models' keys
     * @param heap        heap cap (-Xmx) of the measured JVM
     * @param workdir     where the dataset goes, or {@code null} for a temporary directory deleted after
     * @param reuseModels keep the true models cached by an earlier run (measures loading, not building)
     */
    public record Settings(long lines, long valid, int samples, int repeats, int vocab, String heap, Path workdir,
                           boolean reuseModels) {}

    /** One order's model. */
    public record PerN(int distinct) {}

    /** What the measured JVM reports. */
    public record Result(long lines, double buildCpuSeconds, double buildSeconds, double ngramSeconds,
                         double indexSeconds, long peakHeapBytes, double loadSeconds, int samples, double scoreFirst,
                         double scoreMedian, double scoreCpuMean, double score640Median, Map<String, PerN> perN,
                         Map<String, Double> jsd, Map<String, Double> floor) {}

    private JsdBench() {}

    /** Generates (or reuses) the dataset, measures, and prints the figures to {@code out}; progress to stderr. */
    public static void run(Settings s, PrintWriter out) throws IOException, InterruptedException {
        boolean temp = s.workdir() == null;
        Path dir = temp ? Files.createTempDirectory("ganlab-bench-jsd") : s.workdir();
        try {
            Path data = dir.resolve("dataset");
            if (!MarkovDataset.matches(data, s.lines(), s.valid(), s.vocab())) {
                long t0 = System.nanoTime();
                MarkovDataset.write(data, s.lines(), s.valid(), 7L, s.vocab());
                System.err.printf("generated %,d + %,d lines of %d symbols (vocabulary %d) in %s (%.1f s)%n",
                        s.lines(), s.valid(), MarkovDataset.SEQ_LEN, s.vocab(), data, (System.nanoTime() - t0) / 1e9);
            } else {
                System.err.println("reusing " + data);
            }
            if (!s.reuseModels()) {
                StagedOutput.deleteTree(data.resolve("ngrams"));
            }
            Result r = MeasuredChild.run(s.heap(), Child.class, Result.class, data.toString(),
                    String.valueOf(s.samples()), String.valueOf(s.repeats()), io.ganlab.common.Provenance.version());
            print(out, s, r);
        } finally {
            if (temp) {
                StagedOutput.deleteTree(dir);
            }
        }
    }

    static void print(PrintWriter out, Settings s, Result r) throws IOException {
        String what = s.reuseModels() ? "loaded (--reuse-models)" : "built";
        out.printf("true models n=1..6 of %,d lines x %d, vocabulary %d (6-gram keys of %s): " + what
                        + " in %.1f s (n-grams %.1f s + line index %.1f s;"
                        + " %.1f s of CPU), peak heap %,d MB (-Xmx%s); loaded from the cache in %.2f s%n",
                r.lines(), MarkovDataset.SEQ_LEN, s.vocab(), keyWords(s.vocab()) > 1 ? "two 64-bit words" : "one 64-bit word",
                r.buildSeconds(), r.ngramSeconds(), r.indexSeconds(), r.buildCpuSeconds(), r.peakHeapBytes() >> 20,
                s.heap(), r.loadSeconds());
        out.printf("  per n: %s%n", io.ganlab.common.Json.LINE.writeValueAsString(r.perN()));
        out.printf("score %,d samples, n=1..6: median %.3f s over %d runs (%.3f s of CPU on average; first, with the"
                        + " floor: %.3f s); 640 samples: median %.3f s%n", r.samples(), r.scoreMedian(), s.repeats(),
                r.scoreCpuMean(), r.scoreFirst(), r.score640Median());
        out.printf("  jsd %s floor %s%n", io.ganlab.common.Json.LINE.writeValueAsString(r.jsd()),
                io.ganlab.common.Json.LINE.writeValueAsString(r.floor()));
        out.printf("  %d cores, Java %s; load average %.1f at the end (other processes slow the wall-clock figures)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
    }

    /** 64-bit words of a 6-gram key: 6 ids of ceil(log2(vocab)) bits each. */
    static int keyWords(int vocab) {
        int bits = 32 - Integer.numberOfLeadingZeros(vocab - 1);
        return (6 * bits + 63) / 64;
    }

    /** The measured run: build, reload, score; reports a {@link Result}. */
    public static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            Dataset ds = Dataset.open(Path.of(args[0]));
            int samples = Integer.parseInt(args[1]);
            int repeats = Integer.parseInt(args[2]);
            String version = args[3];
            int threads = Runtime.getRuntime().availableProcessors();
            MeasuredChild.resetPeakHeap();
            Map<String, PerN> perN = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            // all orders at once, as the evaluator loads them: the smaller ones are derived from the 6-grams
            NgramModel[] models = TrueModels.load(ds, NS, version, threads, System.err::println);
            for (NgramModel m : models) {
                perN.put(Integer.toString(m.n()), new PerN(m.distinct()));
                System.err.printf("n=%d: %,d distinct n-grams%n", m.n(), m.distinct());
            }
            long t1 = System.nanoTime();
            TrainLineIndex.load(ds, version, threads, System.err::println);
            long t2 = System.nanoTime();
            long cpu2 = cpuNanos();
            long peak = MeasuredChild.peakHeapBytes();
            System.gc();
            long t3 = System.nanoTime();
            JsdEvaluator ev = JsdEvaluator.open(ds, NS, JsdEvaluator.Options.defaults().withToolVersion(version)
                    .withThreads(threads).withLog(System.err::println));
            long t4 = System.nanoTime();
            MarkovChain chain = new MarkovChain(7L);
            Samples s = chain.samples(new SplittableRandom(99), samples, ds.seqLen(), ds.vocabulary());
            Samples s640 = chain.samples(new SplittableRandom(98), Math.min(640, samples), ds.seqLen(),
                    ds.vocabulary());
            long t5 = System.nanoTime();
            JsdReport first = ev.evaluate(s);
            double scoreFirst = (System.nanoTime() - t5) / 1e9;
            ev.evaluate(s640); // its floor, outside the timing
            double[] times = new double[repeats];
            double[] times640 = new double[repeats];
            long scoreCpu = 0;
            for (int i = 0; i < repeats; i++) {
                long a = System.nanoTime();
                long c = cpuNanos();
                ev.evaluate(s);
                times[i] = (System.nanoTime() - a) / 1e9;
                scoreCpu += cpuNanos() - c;
                a = System.nanoTime();
                ev.evaluate(s640);
                times640[i] = (System.nanoTime() - a) / 1e9;
            }
            Arrays.sort(times);
            Arrays.sort(times640);
            MeasuredChild.report(new Result(ds.train().size(), (cpu2 - cpu0) / 1e9, (t2 - t0) / 1e9, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, peak, (t4 - t3) / 1e9, samples, scoreFirst, times[repeats / 2],
                    scoreCpu / 1e9 / repeats, times640[repeats / 2], perN, round(first.jsd()), round(first.floor())));
        }

        /** CPU time of the whole process (all threads): tells a busy machine from slow code. */
        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        private static Map<String, Double> round(Map<String, Double> m) {
            Map<String, Double> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(k, Math.round(v * 10000) / 10000.0));
            return out;
        }
    }
}
