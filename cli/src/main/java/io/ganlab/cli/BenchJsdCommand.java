package io.ganlab.cli;

import io.ganlab.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.DatasetWriter;
import io.ganlab.corpus.Manifest;
import io.ganlab.common.StagedOutput;
import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.Vocabulary;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan bench jsd}: time and peak heap to build the true n-gram models (n = 1..6) of a benchmark-shaped
 * dataset, and time to score samples, measured in a child JVM with a capped heap. The dataset (lines from a
 * character Markov chain, written in the corpus format) goes through the same code path as a real one.
 */
@Command(name = "jsd", mixinStandardHelpOptions = true,
        header = "Measure building the true n-gram models (time, peak heap) and scoring samples for n = 1..6.")
final class BenchJsdCommand implements Callable<Integer> {
    @Option(names = "--lines", paramLabel = "N", defaultValue = "10000000",
            description = "Training lines of the generated dataset (default: ${DEFAULT-VALUE}, as the reference).")
    long lines;

    @Option(names = "--valid", paramLabel = "N", defaultValue = "10000",
            description = "Validation lines, for the floor (default: ${DEFAULT-VALUE}).")
    long valid;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "6400",
            description = "Samples scored (default: ${DEFAULT-VALUE}, as FOGAN; 640 are also timed).")
    int samples;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "11",
            description = "Scorings timed; the median is printed (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--vocab", paramLabel = "V", defaultValue = "76",
            description = "Vocabulary size of the dataset (default: ${DEFAULT-VALUE}, the chain's 74 symbols, unk and"
                    + " padding). The text is the same for every V; the unused symbols only widen the n-gram keys:"
                    + " 2048, the reference's cap, needs keys of two 64-bit words at n = 6.")
    int vocab;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "6g",
            description = "Heap cap (-Xmx) of the measured JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--workdir", paramLabel = "DIR",
            description = "Where the dataset goes (default: a new temporary directory, deleted after). A dataset"
                    + " already there with the same number of lines is reused; its cached models are always"
                    + " deleted first, so the build is measured.")
    Path workdir;

    @Option(names = "--reuse-models",
            description = "Keep the true models cached in the work directory by an earlier run: measures loading"
                    + " them and scoring, not building them.")
    boolean reuseModels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final int SEQ_LEN = 32;
    /** Names the generator in the manifest: a dataset made by another generator is not reused. */
    static final String GENERATOR = "bench-jsd-markov-order2-k14";

    @Override
    public Integer call() throws Exception {
        if (lines < 1 || valid < 0 || samples < 1 || repeats < 1) {
            throw new UsageException("--lines, --samples and --repeats must be >= 1, --valid >= 0");
        }
        if (vocab < MarkovChain.MIN_VOCAB || vocab > MarkovChain.MAX_VOCAB) {
            throw new UsageException("--vocab must lie in " + MarkovChain.MIN_VOCAB + ".." + MarkovChain.MAX_VOCAB
                    + ", got " + vocab);
        }
        boolean temp = workdir == null;
        Path dir = temp ? Files.createTempDirectory("ganlab-bench-jsd") : workdir;
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path data = dir.resolve("dataset");
            if (!reusable(data)) {
                long t0 = System.nanoTime();
                generate(data, lines, valid, 7L, vocab);
                System.err.printf("generated %,d + %,d lines of %d symbols (vocabulary %d) in %s (%.1f s)%n", lines,
                        valid, SEQ_LEN, vocab, data, (System.nanoTime() - t0) / 1e9);
            } else {
                System.err.println("reusing " + data);
            }
            if (!reuseModels) {
                StagedOutput.deleteTree(data.resolve("ngrams"));
            }
            JsonNode r = runChild(data);
            print(out, r);
        } finally {
            if (temp) {
                StagedOutput.deleteTree(dir);
            }
        }
        return 0;
    }

    private boolean reusable(Path data) {
        if (!Files.exists(data.resolve(Dataset.MANIFEST))) {
            return false;
        }
        try {
            Dataset d = Dataset.open(data);
            Manifest m = d.manifest();
            return m.train().lines() == lines && m.valid().lines() == valid && d.vocabulary().size() == vocab
                    && GENERATOR.equals(m.options().get("generator"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void print(PrintWriter out, JsonNode r) {
        String what = reuseModels ? "loaded (--reuse-models)" : "built";
        out.printf("true models n=1..6 of %,d lines x %d, vocabulary %d (6-gram keys of %s): " + what
                        + " in %.1f s (n-grams %.1f s + line index %.1f s;"
                        + " %.1f s of CPU), peak heap %,d MB (-Xmx%s); loaded from the cache in %.2f s%n",
                r.get("lines").asLong(), SEQ_LEN, vocab,
                6 * (32 - Integer.numberOfLeadingZeros(vocab - 1)) > 64 ? "two 64-bit words" : "one 64-bit word",
                r.get("buildSeconds").asDouble(),
                r.get("ngramSeconds").asDouble(), r.get("indexSeconds").asDouble(),
                r.get("buildCpuSeconds").asDouble(), r.get("peakHeapBytes").asLong() >> 20, heap,
                r.get("loadSeconds").asDouble());
        out.printf("  per n: %s%n", r.get("perN").toString());
        out.printf("score %,d samples, n=1..6: median %.3f s over %d runs (%.3f s of CPU on average; first, with the"
                        + " floor: %.3f s); 640 samples: median %.3f s%n", r.get("samples").asInt(),
                r.get("scoreMedian").asDouble(), repeats, r.get("scoreCpuMean").asDouble(),
                r.get("scoreFirst").asDouble(), r.get("score640Median").asDouble());
        out.printf("  jsd %s floor %s%n", r.get("jsd").toString(), r.get("floor").toString());
        out.printf("  %d cores, Java %s; load average %.1f at the end (other processes slow the wall-clock figures)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.flush();
    }

    private JsonNode runChild(Path data) throws IOException, InterruptedException {
        return MeasuredChild.run(heap, Child.class, data.toString(), String.valueOf(samples), String.valueOf(repeats), io.ganlab.common.Provenance.version());
    }

    /** The measured run: build, reload, score; prints the figures as JSON. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            Dataset ds = Dataset.open(Path.of(args[0]));
            int samples = Integer.parseInt(args[1]);
            int repeats = Integer.parseInt(args[2]);
            String version = args[3];
            int threads = Runtime.getRuntime().availableProcessors();
            int[] ns = {1, 2, 3, 4, 5, 6};
            MeasuredChild.resetPeakHeap();
            StringBuilder perN = new StringBuilder("{");
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            for (int n : ns) {
                long t = System.nanoTime();
                NgramModel m = TrueModels.load(ds, n, version, threads, System.err::println);
                perN.append(String.format(java.util.Locale.ROOT, "\"%d\": {\"seconds\": %.2f, \"distinct\": %d}%s", n,
                        (System.nanoTime() - t) / 1e9, m.distinct(), n < 6 ? ", " : "}"));
                System.err.printf("n=%d: %,d distinct n-grams in %.1f s%n", n, m.distinct(), (System.nanoTime() - t) / 1e9);
            }
            long t1 = System.nanoTime();
            TrainLineIndex.load(ds, version, threads, System.err::println);
            long t2 = System.nanoTime();
            long cpu2 = cpuNanos();
            long peak = MeasuredChild.peakHeapBytes();
            System.gc();
            long t3 = System.nanoTime();
            JsdEvaluator ev = JsdEvaluator.open(ds, ns, JsdEvaluator.Options.defaults().withToolVersion(version)
                    .withThreads(threads).withLog(System.err::println));
            long t4 = System.nanoTime();
            MarkovChain chain = new MarkovChain(7L);
            Samples s = chain.samples(new SplittableRandom(99), samples, ds.vocabulary());
            Samples s640 = chain.samples(new SplittableRandom(98), Math.min(640, samples), ds.vocabulary());
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
            System.out.printf(java.util.Locale.ROOT, "{\"lines\": %d, \"buildCpuSeconds\": %.3f, \"buildSeconds\": %.3f,"
                            + " \"ngramSeconds\": %.3f, \"indexSeconds\": %.3f,"
                            + " \"peakHeapBytes\": %d, \"loadSeconds\": %.3f, \"samples\": %d, \"scoreFirst\": %.4f,"
                            + " \"scoreMedian\": %.4f, \"scoreCpuMean\": %.4f, \"score640Median\": %.4f,"
                            + " \"perN\": %s, \"jsd\": %s,"
                            + " \"floor\": %s}%n",
                    ds.train().size(), (cpu2 - cpu0) / 1e9, (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, peak,
                    (t4 - t3) / 1e9,
                    samples, scoreFirst, times[repeats / 2], scoreCpu / 1e9 / repeats, times640[repeats / 2], perN,
                    Json.PRETTY.writeValueAsString(round(first.jsd())),
                    Json.PRETTY.writeValueAsString(round(first.floor())));
        }

        /** CPU time of the whole process (all threads): tells a busy machine from slow code. */
        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        private static Map<String, Double> round(Map<String, Double> m) {
            Map<String, Double> out = new java.util.TreeMap<>();
            m.forEach((k, v) -> out.put(k, Math.round(v * 10000) / 10000.0));
            return out;
        }
    }

    /**
     * A character Markov chain of order 2 over 74 symbols: each pair of previous symbols has 14 successors
     * with Zipf weights, so text has the many distinct 6-grams of real sentences. 3 lines in 4 fill all 32
     * positions (as most benchmark sentences are cut at 32); the others end early and are padded.
     */
    static final class MarkovChain {
        static final String SYMBOLS = " etaoinshrdlcumwfgypbvkjxqzETAOINSHRDLCUMWFGYPBVKJXQZ0123456789.,'\"-;:!?()";
        /** The chain's symbols, unk and padding. */
        static final int MIN_VOCAB = SYMBOLS.length() + 2;
        /** The reference's vocabulary cap. */
        static final int MAX_VOCAB = 2048;
        /** Unused symbols that pad a larger vocabulary: CJK ideographs, outside the chain's alphabet. */
        private static final int EXTRA_CODES = 0x4E00;
        private static final int K = 14;
        private final int[][] next;   // context -> successors (indices into SYMBOLS)
        private final double[] cdf;   // Zipf cumulative weights of the K successors

        MarkovChain(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int s = SYMBOLS.length();
            next = new int[s * s][K];
            for (int[] succ : next) {
                for (int k = 0; k < K; k++) {
                    // successors drawn with a bias to the frequent (early) symbols, as in text
                    succ[k] = (int) Math.min(s - 1, Math.abs(rnd.nextGaussian()) * 14);
                }
            }
            cdf = new double[K];
            double sum = 0;
            for (int k = 0; k < K; k++) {
                sum += 1.0 / (k + 1);
                cdf[k] = sum;
            }
            for (int k = 0; k < K; k++) {
                cdf[k] /= sum;
            }
        }

        /** One line of symbol indices into {@code out}; returns its length before padding. */
        int line(SplittableRandom rnd, int[] out) {
            int len = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(out.length - 1) : out.length;
            int s = SYMBOLS.length();
            int a = 0;
            int b = rnd.nextInt(s);
            for (int i = 0; i < len; i++) {
                double u = rnd.nextDouble();
                int k = 0;
                while (k < K - 1 && cdf[k] < u) {
                    k++;
                }
                int c = next[a * s + b][k];
                out[i] = c;
                a = b;
                b = c;
            }
            return len;
        }

        /** The chain's symbols (ids 1..74, as {@link #encode} writes them), then unused ones up to {@code size}. */
        static Vocabulary vocabulary(int size) {
            int[] codes = new int[size];
            codes[0] = Vocabulary.UNK_CODE;
            for (int i = 0; i < SYMBOLS.length(); i++) {
                codes[i + 1] = SYMBOLS.charAt(i);
            }
            for (int i = SYMBOLS.length() + 1; i < size - 1; i++) {
                codes[i] = EXTRA_CODES + i;
            }
            codes[codes.length - 1] = Vocabulary.PAD_CODE;
            return new Vocabulary(Symbols.CODEPOINT, codes);
        }

        Samples samples(SplittableRandom rnd, int count, Vocabulary v) {
            short[] ids = new short[count * SEQ_LEN];
            int[] line = new int[SEQ_LEN];
            for (int i = 0; i < count; i++) {
                encode(line, line(rnd, line), v, ids, i * SEQ_LEN);
            }
            return Samples.of(ids, SEQ_LEN, v.size());
        }

        static void encode(int[] line, int len, Vocabulary v, short[] dst, int off) {
            for (int j = 0; j < SEQ_LEN; j++) {
                dst[off + j] = (short) (j < len ? line[j] + 1 : v.padId());
            }
        }
    }

    static void generate(Path data, long lines, long valid, long seed, int vocab) {
        MarkovChain chain = new MarkovChain(seed);
        Vocabulary v = MarkovChain.vocabulary(vocab);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        try (DatasetWriter w = DatasetWriter.create(data, true)) {
            w.begin(v, SEQ_LEN);
            int[] line = new int[SEQ_LEN];
            short[] ids = new short[SEQ_LEN];
            for (long i = 0; i < valid + lines; i++) {
                int len = chain.line(rnd, line);
                MarkovChain.encode(line, len, v, ids, 0);
                if (i < valid) {
                    w.addValid(ids, len);
                } else {
                    w.addTrain(ids, len);
                }
            }
            w.commit(List.of(), new Manifest.Counts(lines + valid, 0, 0, 0, 0, 0, 0, 0, 0, 0, lines,
                    valid), Manifest.orderedOptions("generator", GENERATOR, "seed", seed));
        }
    }
}
