package io.ganlab.eval;

import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.EncodedLines;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Scores samples against a dataset: n-gram JSD for each n, next to the floor (the same measure on as many
 * real held-out lines), the share of distinct n-grams and the share of samples copied from the training
 * lines. Opening loads (or builds and caches) the true models once; {@link #evaluate} then takes
 * milliseconds, so a trainer can call it every few iterations. The floor of each sample size is computed
 * once and kept. Thread-safe.
 *
 * <pre>{@code
 * JsdEvaluator ev = JsdEvaluator.open(dataset, new int[] {1, 2, 3, 4, 5, 6}, JsdEvaluator.Options.defaults());
 * JsdReport r = ev.evaluate(Samples.of(ids, seqLen, dataset.vocabulary().size()));
 * }</pre>
 */
public final class JsdEvaluator {

    /**
     * @param toolVersion  recorded in (and checked against) the caches
     * @param floorRepeats random real subsets the floor is averaged over; 1: the first lines of the
     *                     validation split, no standard deviation
     * @param seed         seed of the random subsets
     * @param threads      threads for counting the true models
     * @param log          progress and warnings (stderr in the CLI)
     */
    public record Options(String toolVersion, int floorRepeats, long seed, int threads, Consumer<String> log) {
        public Options {
            if (floorRepeats < 1) {
                throw new EvalException("--floor-repeats must be >= 1, got " + floorRepeats);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        public static Options defaults() {
            return new Options(io.ganlab.common.Provenance.version(), 1, 1234, Runtime.getRuntime().availableProcessors(), s -> {});
        }

        public Options withToolVersion(String v) {
            return new Options(v, floorRepeats, seed, threads, log);
        }

        public Options withFloorRepeats(int r) {
            return new Options(toolVersion, r, seed, threads, log);
        }

        public Options withLog(Consumer<String> l) {
            return new Options(toolVersion, floorRepeats, seed, threads, l);
        }

        public Options withSeed(long s) {
            return new Options(toolVersion, floorRepeats, s, threads, log);
        }

        public Options withThreads(int t) {
            return new Options(toolVersion, floorRepeats, seed, t, log);
        }
    }

    /** The floor at one sample size: mean and (with several repeats) standard deviation per n. */
    private record Floor(double[] mean, double[] std) {}

    private final Dataset dataset;
    private final int[] ns;
    private final NgramModel[] trueModels;
    private final TrainLineIndex index;
    private final Options options;
    private final Map<Integer, Floor> floors = new HashMap<>();
    private boolean warnedNoFloor;

    private JsdEvaluator(Dataset dataset, int[] ns, NgramModel[] trueModels, TrainLineIndex index, Options options) {
        this.dataset = dataset;
        this.ns = ns;
        this.trueModels = trueModels;
        this.index = index;
        this.options = options;
    }

    /** Loads (or counts and caches) the true models of {@code ds} for each n, and the training line index. */
    public static JsdEvaluator open(Dataset ds, int[] ns, Options o) {
        if (ns.length == 0) {
            throw new EvalException("no n to evaluate");
        }
        int[] sorted = Arrays.stream(ns).distinct().sorted().toArray();
        for (int n : sorted) {
            if (n < 1 || n > NgramOrders.MAX_N) {
                throw new EvalException("n = " + n + " is out of range; n must be between 1 and " + NgramOrders.MAX_N);
            }
            if (n > ds.seqLen()) {
                throw new EvalException("n = " + n + " is longer than the dataset's lines (" + ds.seqLen() + " symbols)");
            }
            NgramPacking.of(n, ds.vocabulary().size()); // fails early if n-grams cannot be packed
        }
        NgramModel[] models = TrueModels.load(ds, sorted, o.toolVersion(), o.threads(), o.log());
        TrainLineIndex index = TrainLineIndex.load(ds, o.toolVersion(), o.threads(), o.log());
        return new JsdEvaluator(ds, sorted, models, index, o);
    }

    /** The n evaluated, ascending. */
    public int[] ns() {
        return ns.clone();
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The true model of order {@code n} (one of {@link #ns()}). */
    public NgramModel trueModel(int n) {
        int i = Arrays.binarySearch(ns, n);
        if (i < 0) {
            throw new IllegalArgumentException("n = " + n + " was not loaded; loaded: " + Arrays.toString(ns));
        }
        return trueModels[i];
    }

    /** Scores {@code s}; the floor for its size is computed on first use and kept. */
    public JsdReport evaluate(Samples s) {
        if (s.seqLen() != dataset.seqLen()) {
            throw new EvalException("samples of " + s.seqLen() + " symbols, the dataset's lines have "
                    + dataset.seqLen());
        }
        if (s.vocabSize() != dataset.vocabulary().size()) {
            throw new EvalException("samples over a vocabulary of " + s.vocabSize() + " ids, the dataset's has "
                    + dataset.vocabulary().size());
        }
        TreeMap<String, Double> jsd = new TreeMap<>();
        TreeMap<String, Double> distinct = new TreeMap<>();
        NgramModel[] models = NgramModel.of(s, ns);
        for (int i = 0; i < ns.length; i++) {
            NgramModel m = models[i];
            jsd.put(key(ns[i]), JensenShannon.divergence(m, trueModels[i]));
            distinct.put(key(ns[i]), (double) m.distinct() / m.total());
        }
        Floor f = floor(s.count());
        TreeMap<String, Double> floor = new TreeMap<>();
        TreeMap<String, Double> floorStd = options.floorRepeats() > 1 && f != null ? new TreeMap<>() : null;
        if (f != null) {
            for (int i = 0; i < ns.length; i++) {
                floor.put(key(ns[i]), f.mean[i]);
                if (floorStd != null) {
                    floorStd.put(key(ns[i]), f.std[i]);
                }
            }
        }
        return new JsdReport(s.count(), jsd, floor, floorStd, options.floorRepeats(), distinct,
                index.copiedShare(s), dataset.checksum());
    }

    private static String key(int n) {
        return Integer.toString(n);
    }

    /** The floor for {@code size} samples, or null when the validation split holds fewer lines. */
    private synchronized Floor floor(int size) {
        if (floors.containsKey(size)) {
            return floors.get(size);
        }
        EncodedLines valid = dataset.valid();
        Floor f = null;
        if (valid.size() < size) {
            if (!warnedNoFloor) {
                options.log().accept("no floor: the validation split has " + valid.size() + " lines, fewer than the "
                        + size + " samples; prepare the dataset with a larger --valid");
                warnedNoFloor = true;
            }
        } else {
            int r = options.floorRepeats();
            double[][] values = new double[ns.length][r];
            SplittableRandom rnd = new SplittableRandom(options.seed());
            for (int k = 0; k < r; k++) {
                long[] which = r == 1 ? firstLines(size) : subset(valid.size(), size, rnd);
                NgramModel[] real = NgramModel.of(Samples.lines(valid, which, dataset.vocabulary().size()), ns);
                for (int i = 0; i < ns.length; i++) {
                    values[i][k] = JensenShannon.divergence(real[i], trueModels[i]);
                }
            }
            double[] mean = new double[ns.length];
            double[] std = new double[ns.length];
            for (int i = 0; i < ns.length; i++) {
                double sum = 0;
                for (double v : values[i]) {
                    sum += v;
                }
                mean[i] = sum / r;
                double ss = 0;
                for (double v : values[i]) {
                    ss += (v - mean[i]) * (v - mean[i]);
                }
                std[i] = r > 1 ? Math.sqrt(ss / (r - 1)) : 0;
            }
            f = new Floor(mean, std);
        }
        floors.put(size, f);
        return f;
    }

    private static long[] firstLines(int size) {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = i;
        }
        return out;
    }

    /** {@code size} distinct line numbers below {@code lines}, uniformly (Floyd's algorithm). */
    private static long[] subset(long lines, int size, SplittableRandom rnd) {
        it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet chosen = new it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet(size);
        for (long j = lines - size; j < lines; j++) {
            long t = rnd.nextLong(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        return chosen.toLongArray();
    }
}
