package io.ganlab.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The general way to count one order, in the model's own packing: a histogram of the keys' top 22 bits cuts
 * the key space into partitions that each fit a buffer, and each partition is gathered by one scan of the
 * lines, radix-sorted and counted. Partitions are disjoint ranges of keys taken in order, so their results are
 * concatenated without a merge and memory stays at one buffer per thread plus the model. Threads take
 * partitions in parallel. {@link NgramCounter} falls back to it when its code keys do not suit.
 */
final class PartitionedCounter {
    /** Most bits of the partitions' bucket histogram: 4M buckets, 32 MB of counts per thread. */
    private static final int PARTITION_BUCKET_BITS = 22;
    /** Inputs with fewer windows are sorted in one piece by one thread: splitting would cost more than it saves. */
    private static final long SPLIT_WINDOWS = 1 << 22;

    private PartitionedCounter() {}

    /** Counts the n-grams of {@code src}, with about {@code maxKeys} keys of 8 bytes in memory at once. */
    static NgramModel count(LineSource src, NgramPacking p, int threads, long maxKeys) {
        long windows = src.lines() * (src.seqLen() - p.n() + 1);
        threads = NgramCounter.threadsFor(src, threads);
        // each key costs a word and its sort's scratch a word, twice that with two words
        long bufferKeys = Math.max(1 << 10,
                Math.min(Integer.MAX_VALUE - 16, maxKeys / threads / (p.twoWords() ? 4 : 2)));
        if (windows <= bufferKeys && (threads == 1 || windows <= SPLIT_WINDOWS)) {
            Part all = gatherSortCount(src, p, 1, 0, 2, (int) windows, new Buffers(p, (int) windows));
            return new NgramModel(p, all.lo, all.hi, all.counts, windows);
        }
        // as many partitions as threads, or a multiple of it so that each fits a buffer
        long rounds = (windows + threads * bufferKeys - 1) / (threads * bufferKeys);
        return partitioned(src, p, threads, (int) Math.min(1 << 20, rounds * threads), windows);
    }

    private static NgramModel partitioned(LineSource src, NgramPacking p, int threads, int parts, long windows) {
        // fine enough to cut even skewed key distributions, no finer than the input needs
        int bucketBits = Math.min(Math.min(PARTITION_BUCKET_BITS, p.totalBits()), 64 - Long.numberOfLeadingZeros(windows));
        int buckets = 1 << bucketBits;
        List<long[]> hists = Parallel.parallelOverLines(src, threads, (part, from, to) -> {
            long[] h = new long[buckets];
            histogram(src, p, bucketBits, from, to, h);
            return h;
        });
        long[] hist = hists.get(0);
        for (int t = 1; t < hists.size(); t++) {
            long[] h = hists.get(t);
            for (int b = 0; b < buckets; b++) {
                hist[b] += h[b];
            }
        }
        hists = null;
        // cut the buckets, in key order, at the quantiles of the windows: partitions of equal size but for
        // the last bucket of each (a single huge bucket, such as all-padding n-grams, makes a larger one)
        List<int[]> plan = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        int start = 0;
        long acc = 0;
        long cum = 0;
        for (int b = 0; b < buckets; b++) {
            acc += hist[b];
            cum += hist[b];
            if (acc > 0 && (cum >= windows * (plan.size() + 1) / parts || b == buckets - 1)) {
                plan.add(new int[] {start, b + 1});
                sizes.add(acc);
                start = b + 1;
                acc = 0;
            }
        }
        long largest = 0;
        for (long s : sizes) {
            largest = Math.max(largest, s);
        }
        if (largest > Integer.MAX_VALUE - 16) {
            throw new EvalException("one group of " + p.n() + "-grams has " + largest
                    + " windows, more than this counter can sort at once");
        }
        Part[] results = new Part[plan.size()];
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(threads, plan.size());
        int bufferSize = (int) largest;
        ExecutorService pool = Executors.newFixedThreadPool(workers, Parallel.daemon());
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < workers; t++) {
                fs.add(pool.submit(() -> {
                    Buffers buf = new Buffers(p, bufferSize);
                    for (int i; (i = next.getAndIncrement()) < results.length; ) {
                        int[] range = plan.get(i);
                        results[i] = gatherSortCount(src, p, bucketBits, range[0], range[1],
                                (int) (long) sizes.get(i), buf);
                    }
                    return null;
                }));
            }
            Parallel.join(fs);
        } finally {
            pool.shutdownNow();
        }
        int distinct = 0;
        for (Part r : results) {
            distinct += r.counts.length;
        }
        long[] lo = new long[distinct];
        long[] hi = p.twoWords() ? new long[distinct] : null;
        int[] counts = new int[distinct];
        int at = 0;
        for (int i = 0; i < results.length; i++) {
            Part r = results[i];
            System.arraycopy(r.lo, 0, lo, at, r.counts.length);
            if (hi != null) {
                System.arraycopy(r.hi, 0, hi, at, r.counts.length);
            }
            System.arraycopy(r.counts, 0, counts, at, r.counts.length);
            at += r.counts.length;
            results[i] = null;
        }
        return new NgramModel(p, lo, hi, counts, windows);
    }

    /** One thread's gathering and sorting arrays, reused from partition to partition. */
    private static final class Buffers {
        final long[] lo;
        final long[] hi;
        final long[] tmpLo;
        final long[] tmpHi;

        Buffers(NgramPacking p, int size) {
            size++; // the spare entry of gather
            lo = new long[size];
            tmpLo = new long[size];
            hi = p.twoWords() ? new long[size] : null;
            tmpHi = p.twoWords() ? new long[size] : null;
        }
    }

    /** Distinct keys in the model's packing, ascending, with their counts. */
    record Part(long[] lo, long[] hi, int[] counts) {}

    /** Gathers the keys whose bucket lies in {@code [bucketLo, bucketHi)} (exactly {@code size}), sorts, counts. */
    private static Part gatherSortCount(LineSource src, NgramPacking p, int bucketBits, int bucketLo, int bucketHi,
                                        int size, Buffers buf) {
        int got = gather(src, p, bucketBits, 0, src.lines(), bucketLo, bucketHi, buf.lo, buf.hi, 0);
        LineSource.checkRead(got, size);
        RadixSort.sort(buf.lo, buf.hi, size, p.loBits(), p.hiBits(), buf.tmpLo, buf.tmpHi);
        return reduce(buf.lo, buf.hi, size);
    }

    /** Sorted keys to distinct keys and counts. */
    static Part reduce(long[] lo, long[] hi, int size) {
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || lo[i] != lo[i - 1] || hi != null && hi[i] != hi[i - 1]) {
                distinct++;
            }
        }
        long[] ulo = new long[distinct];
        long[] uhi = hi == null ? null : new long[distinct];
        int[] counts = new int[distinct];
        int k = -1;
        long run = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || lo[i] != lo[i - 1] || hi != null && hi[i] != hi[i - 1]) {
                if (k >= 0) {
                    counts[k] = NgramModel.checkedCount(run);
                }
                k++;
                ulo[k] = lo[i];
                if (uhi != null) {
                    uhi[k] = hi[i];
                }
                run = 0;
            }
            run++;
        }
        if (k >= 0) {
            counts[k] = NgramModel.checkedCount(run);
        }
        return new Part(ulo, uhi, counts);
    }

    /*
     * The loops below run for every window of every line, several times per model: each is written out for
     * one-word and two-word keys rather than shared through a callback, which the JIT would not inline.
     * Keys roll along the line: shift in the new symbol, mask off the one that left the window.
     */

    /**
     * Stores the keys of lines {@code [from, to)} whose top bits lie in the bucket range; returns how many.
     * The arrays need one spare entry past the last key: every key is written, and kept only if it belongs.
     */
    private static int gather(LineSource src, NgramPacking p, int bucketBits, long from, long to, int bucketLo,
                              int bucketHi, long[] lo, long[] hi, int offset) {
        int seqLen = src.seqLen();
        short[] buf = new short[seqLen];
        int n = p.n();
        int bits = p.bits();
        int at = offset;
        long width = bucketHi - bucketLo;
        if (!p.twoWords()) {
            long mask = NgramPacking.mask(p.totalBits());
            int shift = p.totalBits() - bucketBits;
            for (long line = from; line < to; line++) {
                src.read(line, buf);
                long key = 0;
                for (int i = 0; i < n - 1; i++) {
                    key = key << bits | (buf[i] & 0xFFFF);
                }
                for (int i = n - 1; i < seqLen; i++) {
                    key = (key << bits | (buf[i] & 0xFFFF)) & mask;
                    // branch-free: a partition takes about every other key, which a branch would mispredict
                    lo[at] = key;
                    at += (int) (((int) (key >>> shift) - bucketLo & 0xFFFFFFFFL) - width >>> 63);
                }
            }
            return at - offset;
        }
        int loBits = p.loBits();
        int hiBits = p.hiBits();
        long loMask = NgramPacking.mask(loBits);
        long hiMask = NgramPacking.mask(hiBits);
        long symMask = NgramPacking.mask(bits);
        for (long line = from; line < to; line++) {
            src.read(line, buf);
            long l = 0;
            long h = 0;
            for (int i = 0; i < seqLen; i++) {
                // the symbol leaving the low word enters the high word
                h = (h << bits | (l >>> (loBits - bits) & symMask)) & hiMask;
                l = (l << bits | (buf[i] & 0xFFFF)) & loMask;
                if (i >= n - 1) {
                    lo[at] = l;
                    hi[at] = h;
                    at += (int) ((bucket2(l, h, loBits, hiBits, bucketBits) - bucketLo & 0xFFFFFFFFL) - width >>> 63);
                }
            }
        }
        return at - offset;
    }

    /** Counts the keys of lines {@code [from, to)} by their top bits. */
    private static void histogram(LineSource src, NgramPacking p, int bucketBits, long from, long to, long[] hist) {
        int seqLen = src.seqLen();
        short[] buf = new short[seqLen];
        int n = p.n();
        int bits = p.bits();
        if (!p.twoWords()) {
            long mask = NgramPacking.mask(p.totalBits());
            int shift = p.totalBits() - bucketBits;
            for (long line = from; line < to; line++) {
                src.read(line, buf);
                long key = 0;
                for (int i = 0; i < n - 1; i++) {
                    key = key << bits | (buf[i] & 0xFFFF);
                }
                for (int i = n - 1; i < seqLen; i++) {
                    key = (key << bits | (buf[i] & 0xFFFF)) & mask;
                    hist[(int) (key >>> shift)]++;
                }
            }
            return;
        }
        int loBits = p.loBits();
        int hiBits = p.hiBits();
        long loMask = NgramPacking.mask(loBits);
        long hiMask = NgramPacking.mask(hiBits);
        long symMask = NgramPacking.mask(bits);
        for (long line = from; line < to; line++) {
            src.read(line, buf);
            long l = 0;
            long h = 0;
            for (int i = 0; i < seqLen; i++) {
                h = (h << bits | (l >>> (loBits - bits) & symMask)) & hiMask;
                l = (l << bits | (buf[i] & 0xFFFF)) & loMask;
                if (i >= n - 1) {
                    hist[bucket2(l, h, loBits, hiBits, bucketBits)]++;
                }
            }
        }
    }

    /** The top {@code bucketBits} bits of the two-word key {@code h:l}. */
    private static int bucket2(long l, long h, int loBits, int hiBits, int bucketBits) {
        return hiBits >= bucketBits
                ? (int) (h >>> (hiBits - bucketBits))
                : (int) (h << (bucketBits - hiBits) | l >>> (loBits - (bucketBits - hiBits)));
    }
}
