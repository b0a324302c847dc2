package io.ganlab.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Builds {@link NgramModel}s, exactly. Keys are first built from {@link SymbolCodes}: the symbols that occur,
 * numbered densely in id order, so that a vocabulary of 2048 ids of which 56 occur costs 6 bits per symbol,
 * not 11. The numbering keeps the order of the ids, so counts sorted by code keys are sorted by the model's
 * keys too and decode to exactly the model counted from the ids.
 *
 * <p>Several orders at once: only the largest, N, is counted from the lines. The windows of a smaller n that
 * start early enough are the prefixes of the N-windows starting there, so their counts are the N-gram counts
 * summed by prefix (the sorted N-grams give them in order, in one pass); the others lie in the last N − 1
 * symbols of each line, whose n-grams are counted the same way, recursively, from those tails held in memory.
 *
 * <p>One order, by size:
 * <ul>
 *   <li>a direct count array when the key space of the codes is small ({@code n · bits ≤ 22});
 *   <li>otherwise by buckets: one scan counts the keys per bucket of their top bits, a second writes each key
 *       straight into its bucket's place in one array, and the threads take the buckets, largest first, and
 *       count each in a hash table the size of a core's cache, sorting only its distinct keys
 *       ({@link BucketedCounts}, {@link BucketCounter}). Keys take at most 63 bits; when n codes need more, only the
 *       {@code 2^⌊63/n⌋} most frequent symbols get codes (1024 at n = 6), still numbered in id order: windows of
 *       these alone take this way, and the few others ("wide") are packed as the model packs them, sorted apart
 *       and merged in. When the keys do not all fit in memory, the buckets are taken in rounds, one scan of the
 *       lines per round;
 *   <li>when too many windows are wide, or one bucket alone does not fit in memory: {@link PartitionedCounter},
 *       in the model's own packing.
 * </ul>
 * The scans run on disjoint line ranges, one per thread.
 */
final class NgramCounter {
    private static final int DIRECT_BITS = 22;
    /** Widest code key: 63 bits keep keys non-negative, so that signed order is key order. */
    private static final int NARROW_BITS = 63;

    private NgramCounter() {}

    /**
     * Keys (8 bytes each) the counting may hold at once: 40% of the heap. The rest holds the models (the
     * caller may keep the other orders') and the sorted buckets before they are joined.
     */
    static long maxKeys() {
        return Math.max(1 << 16, Runtime.getRuntime().maxMemory() / 5 * 2 / 8);
    }

    static NgramModel count(LineSource src, int n, int vocabSize, int threads) {
        return count(src, new int[] {n}, vocabSize, threads, maxKeys())[0];
    }

    static NgramModel count(LineSource src, int n, int vocabSize, int threads, long maxKeys) {
        return count(src, new int[] {n}, vocabSize, threads, maxKeys)[0];
    }

    /**
     * Counts the n-grams of lines of ids below {@code vocabSize} for each n of {@code ns}, with at most about
     * {@code maxKeys} keys of 8 bytes in memory at once (fewer forces rounds).
     *
     * @return the models, in the order of {@code ns}
     * @throws EvalException if a line holds an id outside the vocabulary, or an n is longer than the lines
     */
    static NgramModel[] count(LineSource src, int[] ns, int vocabSize, int threads, long maxKeys) {
        NgramModel[] out = new NgramModel[ns.length];
        for (int n : ns) {
            NgramPacking.of(n, vocabSize); // fails early on an n that cannot be packed
            if (n > src.seqLen()) {
                throw new EvalException("n = " + n + " is longer than the lines (" + src.seqLen() + " symbols)");
            }
        }
        if (src.lines() == 0) {
            for (int i = 0; i < ns.length; i++) {
                NgramPacking p = NgramPacking.of(ns[i], vocabSize);
                out[i] = new NgramModel(p, new long[0], p.twoWords() ? new long[0] : null, new int[0], 0);
            }
            return out;
        }
        threads = threadsFor(src, threads);
        SymbolCodes codes = SymbolCodes.of(src, vocabSize, threads);
        int bits = codes.bits();
        SymbolCodes.Table all = codes.table(bits);
        // the orders whose code keys fit one word are counted together, the others one by one
        int[] together = Arrays.stream(ns).filter(n -> n * bits <= NARROW_BITS).distinct().sorted().toArray();
        CodeCounts[] counted = together.length == 0 ? null
                : orders(src, together, all.codeOf(), bits, threads, maxKeys);
        NgramModel[] decoded = new NgramModel[together.length];
        for (int i = 0; i < ns.length; i++) {
            int n = ns[i];
            NgramPacking p = NgramPacking.of(n, vocabSize);
            long windows = src.lines() * (src.seqLen() - n + 1);
            int at = Arrays.binarySearch(together, n);
            if (at >= 0 && counted != null) {
                if (decoded[at] == null) {
                    decoded[at] = decode(counted[at], bits, all.idOf(), p, threads, windows);
                    counted[at] = null; // decoded: its memory can go
                }
                out[i] = decoded[at];
            } else if (at >= 0) { // the code keys did not fit in memory
                out[i] = PartitionedCounter.count(src, p, threads, maxKeys);
            } else {
                // codes for the most frequent symbols only; windows holding another are wide
                SymbolCodes.Table frequent = codes.table(NARROW_BITS / n);
                BucketedCounts b = BucketedCounts.count(src, n, frequent.bits(), frequent.codeOf(), p, threads, maxKeys);
                out[i] = b == null ? PartitionedCounter.count(src, p, threads, maxKeys)
                        : join(decode(b.narrow(), frequent.bits(), frequent.idOf(), p, threads, windows), b.wide());
            }
        }
        return out;
    }

    /** Fewer threads for small inputs: starting one costs more than it saves. */
    static int threadsFor(LineSource src, int threads) {
        return (int) Math.max(1, Math.min(threads, src.lines() / 1024 + 1));
    }

    /**
     * The code counts of each order of {@code ns} (ascending; every code below {@code 2^bits} and
     * {@code max(ns) · bits ≤ 63}): the largest counted, the others derived. Null if the keys do not fit in memory.
     */
    private static CodeCounts[] orders(LineSource src, int[] ns, int[] codeOf, int bits, int threads, long maxKeys) {
        int top = ns[ns.length - 1];
        CodeCounts largest = codeCounts(src, top, codeOf, bits, threads, maxKeys);
        if (largest == null) {
            return null;
        }
        CodeCounts[] out = new CodeCounts[ns.length];
        out[ns.length - 1] = largest;
        if (ns.length == 1) {
            return out;
        }
        if (src.lines() * (top - 1) > Math.min(Integer.MAX_VALUE - 16, 4 * maxKeys)) {
            // too many lines to hold their tails (2 bytes a symbol): each order on its own
            for (int i = 0; i < ns.length - 1; i++) {
                if ((out[i] = codeCounts(src, ns[i], codeOf, bits, threads, maxKeys)) == null) {
                    return null;
                }
            }
            return out;
        }
        // windows of n < top starting in the last top − 1 symbols: those of the tails, counted the same way
        CodeCounts[] late = orders(Tails.of(src, top - 1, threads), Arrays.copyOf(ns, ns.length - 1), codeOf, bits,
                threads, maxKeys);
        if (late == null) {
            return null;
        }
        // prefixes of prefixes, from the largest order down: each pass over the counts of the next larger order
        CodeCounts early = largest;
        for (int i = ns.length - 2; i >= 0; i--) {
            early = prefixes(early, (ns[i + 1] - ns[i]) * bits);
            out[i] = sum(early, late[i]);
        }
        return out;
    }

    /** The counts of one order in code keys: directly, or by buckets; null if the keys do not fit in memory. */
    private static CodeCounts codeCounts(LineSource src, int n, int[] codeOf, int bits, int threads, long maxKeys) {
        long windows = src.lines() * (src.seqLen() - n + 1);
        if (n * bits <= DIRECT_BITS && windows >= (1L << n * bits) / 4) {
            return direct(src, n, codeOf, bits, threads);
        }
        BucketedCounts b = BucketedCounts.count(src, n, bits, codeOf, null, threads, maxKeys);
        return b == null ? null : b.narrow();
    }

    /** Counts of the keys cut to their top bits (dropping the low {@code dropBits}), summed; still ascending. */
    private static CodeCounts prefixes(CodeCounts c, int dropBits) {
        long[] keys = c.keys();
        int distinct = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] >>> dropBits != keys[i - 1] >>> dropBits) {
                distinct++;
            }
        }
        long[] out = new long[distinct];
        int[] counts = new int[distinct];
        int k = -1;
        long sum = 0;
        for (int i = 0; i < keys.length; i++) {
            long prefix = keys[i] >>> dropBits;
            if (k < 0 || prefix != out[k]) {
                if (k >= 0) {
                    counts[k] = NgramModel.checkedCount(sum);
                }
                out[++k] = prefix;
                sum = 0;
            }
            sum += c.counts()[i];
        }
        if (k >= 0) {
            counts[k] = NgramModel.checkedCount(sum);
        }
        return new CodeCounts(out, counts);
    }

    /** The counts of two sets of windows together: a merge of the ascending keys, counts of equal keys summed. */
    private static CodeCounts sum(CodeCounts a, CodeCounts b) {
        long[] ak = a.keys();
        long[] bk = b.keys();
        int distinct = 0;
        for (int i = 0, j = 0; i < ak.length || j < bk.length; distinct++) {
            if (j == bk.length || i < ak.length && ak[i] < bk[j]) {
                i++;
            } else if (i == ak.length || bk[j] < ak[i]) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        long[] keys = new long[distinct];
        int[] counts = new int[distinct];
        int k = 0;
        for (int i = 0, j = 0; i < ak.length || j < bk.length; k++) {
            if (j == bk.length || i < ak.length && ak[i] < bk[j]) {
                keys[k] = ak[i];
                counts[k] = a.counts()[i++];
            } else if (i == ak.length || bk[j] < ak[i]) {
                keys[k] = bk[j];
                counts[k] = b.counts()[j++];
            } else {
                keys[k] = ak[i];
                counts[k] = NgramModel.checkedCount((long) a.counts()[i++] + b.counts()[j++]);
            }
        }
        return new CodeCounts(keys, counts);
    }

    /** The model of {@code windows} windows whose counts in code keys of {@code bits} per code are {@code c}. */
    private static NgramModel decode(CodeCounts c, int bits, int[] idOf, NgramPacking p, int threads, long windows) {
        int size = c.keys().length;
        long[] lo = new long[size];
        long[] hi = p.twoWords() ? new long[size] : null;
        int chunk = 1 << 18;
        int chunks = (size + chunk - 1) / chunk;
        Parallel.runTasks(Math.min(threads, chunks), chunks, () -> null, (t, none) -> {
            for (int i = t * chunk; i < Math.min(size, (t + 1) * chunk); i++) {
                decode(c.keys()[i], bits, idOf, p, lo, hi, i);
            }
        });
        return new NgramModel(p, lo, hi, c.counts(), windows);
    }

    /** Writes the code key {@code key} ({@code bits} per code) as entry {@code at} of {@code lo}/{@code hi}, in {@code p}'s packing. */
    private static void decode(long key, int bits, int[] idOf, NgramPacking p, long[] lo, long[] hi, int at) {
        int n = p.n();
        int codeMask = (1 << bits) - 1;
        long l = 0;
        long h = 0;
        for (int j = 0; j < p.hiSymbols(); j++) {
            h = h << p.bits() | idOf[(int) (key >>> (n - 1 - j) * bits) & codeMask];
        }
        for (int j = p.hiSymbols(); j < n; j++) {
            l = l << p.bits() | idOf[(int) (key >>> (n - 1 - j) * bits) & codeMask];
        }
        lo[at] = l;
        if (hi != null) {
            hi[at] = h;
        }
    }

    // ---------------------------------------------------------------- direct counting

    private static CodeCounts direct(LineSource src, int n, int[] codeOf, int bits, int threads) {
        int size = 1 << n * bits;
        List<long[]> parts = Parallel.parallelOverLines(src, threads, (part, from, to) -> {
            long[] c = new long[size];
            short[] buf = new short[src.seqLen()];
            long mask = NgramPacking.mask(n * bits);
            for (long line = from; line < to; line++) {
                src.read(line, buf);
                long key = 0;
                for (int i = 0; i < buf.length; i++) {
                    key = (key << bits | codeOf[buf[i] & 0xFFFF]) & mask;
                    if (i >= n - 1) {
                        c[(int) key]++;
                    }
                }
            }
            return c;
        });
        long[] total = parts.get(0);
        for (int t = 1; t < parts.size(); t++) {
            long[] c = parts.get(t);
            for (int i = 0; i < size; i++) {
                total[i] += c[i];
            }
        }
        int distinct = 0;
        for (long c : total) {
            if (c != 0) {
                distinct++;
            }
        }
        long[] keys = new long[distinct];
        int[] counts = new int[distinct];
        int k = 0;
        for (int key = 0; key < size; key++) {
            if (total[key] != 0) {
                keys[k] = key;
                counts[k++] = NgramModel.checkedCount(total[key]);
            }
        }
        return new CodeCounts(keys, counts);
    }

    /**
     * The model of the code keys' windows with the wide ones' merged in (the two sets are disjoint); its total,
     * that of {@code narrow}, already counts all windows.
     */
    private static NgramModel join(NgramModel narrow, PartitionedCounter.Part wide) {
        if (wide == null || wide.counts().length == 0) {
            return narrow;
        }
        long[] nlo = narrow.loArray();
        long[] nhi = narrow.hiArray();
        int[] ncounts = narrow.countArray();
        int distinct = ncounts.length + wide.counts().length;
        PartitionedCounter.Part out = new PartitionedCounter.Part(new long[distinct], nhi == null ? null : new long[distinct],
                new int[distinct]);
        PartitionedCounter.Part in = new PartitionedCounter.Part(nlo, nhi, ncounts);
        int k = 0;
        int w = 0;
        for (int i = 0; i < ncounts.length; i++) {
            long l = nlo[i];
            long h = nhi == null ? 0 : nhi[i];
            while (w < wide.counts().length && below(wide, w, l, h)) {
                k = copy(wide, w++, out, k);
            }
            k = copy(in, i, out, k);
        }
        while (w < wide.counts().length) {
            k = copy(wide, w++, out, k);
        }
        return new NgramModel(narrow.packing(), out.lo(), out.hi(), out.counts(), narrow.total());
    }

    private static boolean below(PartitionedCounter.Part a, int i, long l, long h) {
        int c = a.hi() == null ? 0 : Long.compareUnsigned(a.hi()[i], h);
        return c < 0 || c == 0 && Long.compareUnsigned(a.lo()[i], l) < 0;
    }

    private static int copy(PartitionedCounter.Part from, int i, PartitionedCounter.Part to, int k) {
        to.lo()[k] = from.lo()[i];
        if (to.hi() != null) {
            to.hi()[k] = from.hi()[i];
        }
        to.counts()[k] = from.counts()[i];
        return k + 1;
    }
}
