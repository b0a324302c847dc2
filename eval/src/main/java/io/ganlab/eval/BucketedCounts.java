package io.ganlab.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The counts of one order's n-grams by buckets of code keys ({@link NgramCounter}'s path for key spaces too large
 * for a direct count array): one scan counts the keys per bucket of their top bits, a second writes each key
 * straight into its bucket's place in one array, and the threads take the buckets, largest first, and count each
 * in a hash table the size of a core's cache ({@link BucketCounter}). When the keys do not all fit in memory, the
 * buckets are taken in rounds, one scan of the lines per round. Windows holding a symbol without a code ("wide")
 * are packed as the model packs them, sorted apart, and returned beside the code counts.
 *
 * @param narrow the counts of the code keys, ascending
 * @param wide the wide windows in the model's packing, sorted and counted (null when there are none)
 */
record BucketedCounts(CodeCounts narrow, PartitionedCounter.Part wide) {
    /** Keys per bucket aimed at (512 KB): most buckets, and the hash tables of their distinct keys, stay in cache. */
    private static final int BUCKET_KEYS = RadixSort.CACHE_KEYS / 2;
    /** At most 1024 buckets: more would spread the second scan's writes over too many places at once. */
    private static final int MAX_BUCKET_BITS = 10;

    /** What one line range's first scan found: keys per bucket, and the windows too wide for a code key. */
    private record Census(long[] perBucket, long wide) {}

    /**
     * Counts the n-grams of {@code src} by buckets of code keys of {@code bits} per symbol; windows holding a code
     * of {@code bits} bits or more ("wide") are packed as {@code p} packs them and counted apart ({@code p} may be
     * null when every code fits). Null when the keys do not fit in memory.
     */
    static BucketedCounts count(LineSource src, int n, int bits, int[] codeOf, NgramPacking p, int threads,
                                long maxKeys) {
        long windows = src.lines() * (src.seqLen() - n + 1);
        int keyBits = n * bits;
        // smaller buckets when memory is short, so that rounds can be cut finely
        long bucketTarget = Math.max(1, Math.min(BUCKET_KEYS, maxKeys / 16));
        int bucketBits = (int) Math.min(Math.min(MAX_BUCKET_BITS, keyBits),
                64 - Long.numberOfLeadingZeros(Math.max(0, windows / bucketTarget - 1)));
        int buckets = 1 << bucketBits;
        int shift = keyBits - bucketBits;
        List<Census> census = Parallel.parallelOverLines(src, threads, (part, from, to) ->
                census(src, from, to, n, bits, codeOf, shift, buckets));
        long[] perBucket = new long[buckets];
        long wide = 0;
        for (Census c : census) {
            for (int b = 0; b < buckets; b++) {
                perBucket[b] += c.perBucket()[b];
            }
            wide += c.wide();
        }
        if (wide > 0 && p == null) {
            throw new IllegalStateException("a code of " + bits + " bits or more, and no packing for it");
        }
        // wide keys take two words, and their sort as much again
        long wideCost = 4 * wide;
        long roundKeys = Math.min(Integer.MAX_VALUE - 16, maxKeys - wideCost);
        long largest = Arrays.stream(perBucket).max().orElse(0);
        if (wideCost > maxKeys / 2 || wide > Integer.MAX_VALUE - 16 || largest > roundKeys) {
            return null;
        }
        // rounds: consecutive runs of buckets whose keys fit in memory together
        List<int[]> rounds = new ArrayList<>();
        long longest = 0;
        long acc = 0;
        int start = 0;
        for (int b = 0; b < buckets; b++) {
            if (acc + perBucket[b] > roundKeys) {
                rounds.add(new int[] {start, b});
                longest = Math.max(longest, acc);
                start = b;
                acc = 0;
            }
            acc += perBucket[b];
        }
        rounds.add(new int[] {start, buckets});
        longest = Math.max(longest, acc);

        long[][] keysOfRound = {new long[(int) longest]}; // let go before the buckets' counts are joined
        long[] wideLo = new long[(int) wide];
        long[] wideHi = p != null && p.twoWords() ? new long[(int) wide] : null;
        CodeCounts[] parts = new CodeCounts[buckets];
        PartitionedCounter.Part[] wideCounted = new PartitionedCounter.Part[1];
        for (int r = 0; r < rounds.size(); r++) {
            long[] keys = keysOfRound[0];
            int bLo = rounds.get(r)[0];
            int bHi = rounds.get(r)[1];
            // where each line range writes its keys of each bucket: buckets in key order, ranges in line order
            int[] bucketStart = new int[buckets + 1];
            int[][] cursors = new int[census.size()][buckets];
            int at = 0;
            for (int b = bLo; b < bHi; b++) {
                bucketStart[b] = at;
                for (int t = 0; t < census.size(); t++) {
                    cursors[t][b] = at;
                    at += (int) census.get(t).perBucket()[b];
                }
            }
            bucketStart[bHi] = at;
            int[] wideStart = new int[census.size() + 1];
            for (int t = 0; t < census.size(); t++) {
                wideStart[t + 1] = wideStart[t] + (int) census.get(t).wide();
            }
            boolean firstRound = r == 0;
            List<Integer> written = Parallel.parallelOverLines(src, threads, (part, from, to) -> scatter(src, from, to, n, bits,
                    codeOf, shift, bLo, bHi, cursors[part], keys, p, firstRound ? wideLo : null, wideHi,
                    wideStart[part]));
            long expected = firstRound ? wide : 0;
            for (int b = bLo; b < bHi; b++) {
                expected += perBucket[b];
            }
            LineSource.checkRead(written.stream().mapToLong(Integer::longValue).sum(), expected);
            // the largest tasks first, so that no thread is left with a big one at the end
            List<Integer> order = new ArrayList<>();
            for (int b = bLo; b < bHi; b++) {
                if (perBucket[b] > 0) {
                    order.add(b);
                }
            }
            order.sort((x, y) -> Long.compare(perBucket[y], perBucket[x]));
            if (firstRound && wide > 0) {
                order.add(0, -1); // -1: the wide keys
            }
            // each thread's table and scratch grow with its buckets, up to a share of the memory allowed
            long share = maxKeys / 8 / threads;
            int maxSlots = Integer.highestOneBit((int) Math.max(1 << 10, Math.min(1 << 20, share / 2)));
            int scratchCap = (int) Math.max(RadixSort.CACHE_KEYS, Math.min(1 << 26, share));
            Parallel.runTasks(Math.min(threads, order.size()), order.size(), () -> new BucketCounter(maxSlots, scratchCap),
                    (i, counter) -> {
                        int b = order.get(i);
                        if (b < 0) {
                            wideCounted[0] = sortCount(wideLo, wideHi, p);
                            return;
                        }
                        int from = bucketStart[b];
                        parts[b] = counter.count(keys, from, bucketStart[b + 1] - from, shift);
                    });
        }
        keysOfRound[0] = null;
        return new BucketedCounts(concat(parts), wideCounted[0]);
    }

    private static Census census(LineSource src, long from, long to, int n, int bits, int[] codeOf, int shift,
                                 int buckets) {
        short[] buf = new short[src.seqLen()];
        long[] perBucket = new long[buckets];
        long wide = 0;
        long mask = NgramPacking.mask(n * bits);
        int limit = 1 << bits;
        int codeMask = limit - 1;
        for (long line = from; line < to; line++) {
            src.read(line, buf);
            long key = 0;
            int lastWide = -n; // where the last wide symbol was: windows that reach it are wide
            for (int i = 0; i < buf.length; i++) {
                int c = codeOf[buf[i] & 0xFFFF];
                if (c >= limit) {
                    lastWide = i;
                }
                key = (key << bits | c & codeMask) & mask;
                if (i >= n - 1) {
                    if (i - lastWide >= n) {
                        perBucket[(int) (key >>> shift)]++;
                    } else {
                        wide++;
                    }
                }
            }
        }
        return new Census(perBucket, wide);
    }

    /**
     * Writes the code keys of lines {@code [from, to)} whose bucket lies in {@code [bLo, bHi)} at their cursors,
     * and, if {@code wideLo} is given, the wide windows in {@code p}'s packing from {@code wideAt} on. Returns
     * how many keys it wrote.
     */
    private static int scatter(LineSource src, long from, long to, int n, int bits, int[] codeOf, int shift,
                               int bLo, int bHi, int[] cursor, long[] keys, NgramPacking p, long[] wideLo,
                               long[] wideHi, int wideAt) {
        short[] buf = new short[src.seqLen()];
        long mask = NgramPacking.mask(n * bits);
        int limit = 1 << bits;
        int codeMask = limit - 1;
        int written = 0;
        int w = wideAt;
        for (long line = from; line < to; line++) {
            src.read(line, buf);
            long key = 0;
            int lastWide = -n;
            for (int i = 0; i < buf.length; i++) {
                int c = codeOf[buf[i] & 0xFFFF];
                if (c >= limit) {
                    lastWide = i;
                }
                key = (key << bits | c & codeMask) & mask;
                if (i >= n - 1) {
                    if (i - lastWide >= n) {
                        int b = (int) (key >>> shift);
                        if (b >= bLo && b < bHi) {
                            keys[cursor[b]++] = key;
                            written++;
                        }
                    } else if (wideLo != null) {
                        pack(buf, i - n + 1, p, wideLo, wideHi, w++);
                        written++;
                    }
                }
            }
        }
        return written;
    }

    /** Packs the ids {@code buf[from..from+n)} as entry {@code at} of {@code lo}/{@code hi}, in {@code p}'s packing. */
    private static void pack(short[] buf, int from, NgramPacking p, long[] lo, long[] hi, int at) {
        long l = 0;
        long h = 0;
        int loFrom = from + p.hiSymbols();
        for (int i = from; i < loFrom; i++) {
            h = h << p.bits() | (buf[i] & 0xFFFF);
        }
        for (int i = loFrom; i < from + p.n(); i++) {
            l = l << p.bits() | (buf[i] & 0xFFFF);
        }
        lo[at] = l;
        if (hi != null) {
            hi[at] = h;
        }
    }

    /** The buckets' counts one after the other (buckets are in key order). */
    private static CodeCounts concat(CodeCounts[] parts) {
        int distinct = 0;
        for (CodeCounts c : parts) {
            distinct += c == null ? 0 : c.keys().length;
        }
        long[] keys = new long[distinct];
        int[] counts = new int[distinct];
        int at = 0;
        for (int b = 0; b < parts.length; b++) {
            CodeCounts c = parts[b];
            if (c != null) {
                System.arraycopy(c.keys(), 0, keys, at, c.keys().length);
                System.arraycopy(c.counts(), 0, counts, at, c.keys().length);
                at += c.keys().length;
                parts[b] = null;
            }
        }
        return new CodeCounts(keys, counts);
    }

    /** Sorts and counts the wide keys (in {@code p}'s packing). */
    private static PartitionedCounter.Part sortCount(long[] lo, long[] hi, NgramPacking p) {
        int len = lo.length;
        RadixSort.sort(lo, hi, len, p.loBits(), p.hiBits(), new long[len], hi == null ? null : new long[len]);
        return PartitionedCounter.reduce(lo, hi, len);
    }
}
