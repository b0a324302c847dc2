package io.ganlab.eval;

/**
 * Exact counts of the n-grams of a set of fixed-length lines: every window of {@code n} consecutive ids,
 * {@code seqLen − n + 1} per line, padding and unk included. Distinct n-grams are held as sorted packed keys
 * ({@link NgramPacking}) with their counts. The plug-in probability of an n-gram is its count over
 * {@link #total()}. Immutable.
 */
public final class NgramModel {
    private final NgramPacking packing;
    private final long[] lo;
    private final long[] hi; // null when one word holds an n-gram
    private final int[] counts;
    private final long total;

    NgramModel(NgramPacking packing, long[] lo, long[] hi, int[] counts, long total) {
        if (lo.length != counts.length || hi != null && hi.length != lo.length || (hi != null) != packing.twoWords()) {
            throw new IllegalArgumentException("inconsistent n-gram arrays");
        }
        this.packing = packing;
        this.lo = lo;
        this.hi = hi;
        this.counts = counts;
        this.total = total;
    }

    /** Counts the n-grams of {@code samples}; small inputs, one thread. */
    public static NgramModel of(Samples samples, int n) {
        return NgramCounter.count(samples.source(), n, samples.vocabSize(), 1);
    }

    /** The models of {@code samples} for each n of {@code ns}, in that order, counted together; one thread. */
    public static NgramModel[] of(Samples samples, int[] ns) {
        return NgramCounter.count(samples.source(), ns, samples.vocabSize(), 1, NgramCounter.maxKeys());
    }

    /** A count as this model holds it; more than an int holds is an error. */
    static int checkedCount(long c) {
        if (c > Integer.MAX_VALUE) {
            throw new EvalException("an n-gram occurs " + c + " times, more than this model can count");
        }
        return (int) c;
    }

    public int n() {
        return packing.n();
    }

    NgramPacking packing() {
        return packing;
    }

    /** Number of distinct n-grams. */
    public int distinct() {
        return counts.length;
    }

    /** Number of windows counted (the sum of all counts). */
    public long total() {
        return total;
    }

    long lo(int i) {
        return lo[i];
    }

    long hi(int i) {
        return hi == null ? 0 : hi[i];
    }

    int count(int i) {
        return counts[i];
    }

    long[] loArray() {
        return lo;
    }

    long[] hiArray() {
        return hi;
    }

    int[] countArray() {
        return counts;
    }

    /** Count of the n-gram {@code ids[from..from+n)}; 0 if absent. */
    public long count(int[] ids, int from) {
        long l = 0;
        long h = 0;
        int loFrom = from + packing.hiSymbols();
        for (int i = from; i < loFrom; i++) {
            h = h << packing.bits() | ids[i];
        }
        for (int i = loFrom; i < from + packing.n(); i++) {
            l = l << packing.bits() | ids[i];
        }
        int at = lowerBound(0, l, h);
        return at < counts.length && lo[at] == l && hi(at) == h ? counts[at] : 0;
    }

    /**
     * Like {@link #lowerBound} for ascending queries: gallops forward from {@code from} before bisecting, so
     * that a walk over the sorted n-grams of a few samples touches few, nearby entries of a large model.
     */
    int seek(int from, long l, long h) {
        int size = counts.length;
        int step = 1;
        int start = from; // the answer is at or after start: the key there, if probed, was below
        while (step > 0 && step < size - from && below(from + step, l, h)) {
            start = from + step;
            step <<= 1;
        }
        return lowerBound(start, (int) Math.min(size, (long) from + step + 1), l, h);
    }

    private boolean below(int i, long l, long h) {
        if (hi == null) {
            return Long.compareUnsigned(lo[i], l) < 0;
        }
        int c = Long.compareUnsigned(hi[i], h);
        return c < 0 || c == 0 && Long.compareUnsigned(lo[i], l) < 0;
    }

    /** First index at or after {@code from} whose key is not below {@code (h, l)}, unsigned. */
    int lowerBound(int from, long l, long h) {
        return lowerBound(from, counts.length, l, h);
    }

    /** First index in {@code [from, to)} whose key is not below {@code (h, l)}, or {@code to}. */
    private int lowerBound(int from, int to, long l, long h) {
        int a = from;
        int b = to;
        if (hi == null) {
            while (a < b) {
                int m = (a + b) >>> 1;
                if (Long.compareUnsigned(lo[m], l) < 0) {
                    a = m + 1;
                } else {
                    b = m;
                }
            }
            return a;
        }
        while (a < b) {
            int m = (a + b) >>> 1;
            int c = Long.compareUnsigned(hi[m], h);
            if (c < 0 || c == 0 && Long.compareUnsigned(lo[m], l) < 0) {
                a = m + 1;
            } else {
                b = m;
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "NgramModel(n=" + n() + ", " + distinct() + " distinct of " + total + " windows, " + packing.bits()
                + " bits per symbol" + (hi == null ? "" : ", two words") + ")";
    }
}
