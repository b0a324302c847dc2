package io.ganlab.eval;

import io.ganlab.corpus.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The n-gram models of a dataset's training lines (all of them, as the reference does), cached beside the
 * dataset in {@code DIR/ngrams/true-nN.bin} so that they are counted once. The cache is keyed by the
 * dataset's checksum, n, the vocabulary size and the tool version, and its contents carry a CRC-32C: a
 * stale or damaged cache is reported, counted again and replaced, never used.
 */
public final class TrueModels {
    /** Bump when the model file layout or the counting changes meaning. */
    static final int FORMAT = 1;
    static final String DIR = "ngrams";

    private TrueModels() {}

    /** Where the model of order {@code n} of {@code ds} is cached. */
    public static Path file(Dataset ds, int n) {
        return ds.dir().resolve(DIR).resolve("true-n" + n + ".bin");
    }

    /**
     * Loads the cached model, or counts it (and writes the cache) when it is missing, stale or damaged.
     *
     * @param log where to say that a cache was rebuilt, and why
     */
    public static NgramModel load(Dataset ds, int n, String toolVersion, int threads, Consumer<String> log) {
        return load(ds, new int[] {n}, toolVersion, threads, log)[0];
    }

    /**
     * The models of each n of {@code ns}, in that order: those cached are loaded, the others counted together
     * (the smaller from the largest, see {@link NgramCounter}) and cached.
     *
     * @param log where to say that a cache was rebuilt, and why
     */
    public static NgramModel[] load(Dataset ds, int[] ns, String toolVersion, int threads, Consumer<String> log) {
        NgramModel[] out = new NgramModel[ns.length];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < ns.length; i++) {
            int n = ns[i];
            NgramPacking p = NgramPacking.of(n, ds.vocabulary().size());
            if (n > ds.seqLen()) {
                throw new EvalException("n = " + n + " is longer than the dataset's lines (" + ds.seqLen() + " symbols)");
            }
            if ((out[i] = cached(ds, p, toolVersion, log)) == null && !missing.contains(n)) {
                missing.add(n);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        if (ds.train().size() == 0) {
            throw new EvalException(ds.dir() + ": the dataset has no training lines to build the true model from");
        }
        int[] counted = missing.stream().mapToInt(Integer::intValue).toArray();
        NgramModel[] models = NgramCounter.count(LineSource.of(ds.train()), counted, ds.vocabulary().size(), threads,
                NgramCounter.maxKeys());
        for (int j = 0; j < counted.length; j++) {
            NgramModel m = models[j];
            Path f = file(ds, m.n());
            try {
                Files.createDirectories(f.getParent());
                NgramPacking p = m.packing();
                long[][] longs = p.twoWords() ? new long[][] {m.loArray(), m.hiArray()} : new long[][] {m.loArray()};
                CacheFile.write(f, key(ds, m.n(), toolVersion), longs, new int[][] {m.countArray()});
            } catch (IOException e) {
                log.accept(f + ": cannot write the cache (" + e.getMessage()
                        + "); the model will be counted again next time");
            }
            for (int i = 0; i < ns.length; i++) {
                if (ns[i] == m.n()) {
                    out[i] = m;
                }
            }
        }
        return out;
    }

    /** The cached model, or null (saying why) when there is none that can be used. */
    private static NgramModel cached(Dataset ds, NgramPacking p, String toolVersion, Consumer<String> log) {
        int n = p.n();
        Path f = file(ds, n);
        if (!Files.exists(f)) {
            return null;
        }
        long windows = ds.train().size() * (ds.seqLen() - n + 1);
        try {
            NgramModel m = model(p, CacheFile.read(f, key(ds, n, toolVersion)), windows);
            if (m != null) {
                return m;
            }
            log.accept(f + ": cached " + n + "-gram model does not add up; counting again");
        } catch (CacheFile.Stale e) {
            log.accept(f + ": cached " + n + "-gram model is stale (" + e.getMessage() + "); counting again");
        } catch (IOException e) {
            log.accept(f + ": cannot read the cached " + n + "-gram model (" + e.getMessage() + "); counting again");
        }
        return null;
    }

    static CacheFile.Key key(Dataset ds, int n, String toolVersion) {
        return new CacheFile.Key("ngrams", ds.checksum(), toolVersion,
                new int[] {FORMAT, n, ds.vocabulary().size(), ds.seqLen()}); // format, n, vocabulary, line length
    }

    /** The model held by a cache file, or null if its arrays do not fit together. */
    private static NgramModel model(NgramPacking p, CacheFile.Contents c, long windows) {
        int words = p.twoWords() ? 2 : 1;
        if (c.longs().length != words || c.ints().length != 1) {
            return null;
        }
        int[] counts = c.ints()[0];
        long total = 0;
        for (int v : counts) {
            if (v <= 0) {
                return null;
            }
            total += v;
        }
        long[] lo = c.longs()[0];
        long[] hi = words == 2 ? c.longs()[1] : null;
        if (total != windows || lo.length != counts.length || hi != null && hi.length != counts.length) {
            return null;
        }
        return new NgramModel(p, lo, hi, counts, total);
    }
}
