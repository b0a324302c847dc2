package io.ganlab.eval;

import java.util.Arrays;

/**
 * One thread's counting of buckets: the keys go into an open-addressing hash table (most repeat: 270 M
 * 6-gram windows hold 13 M distinct), then only the distinct keys are sorted. A bucket whose distinct keys
 * would outgrow the table's cap, or are more than an eighth of its keys, is sorted whole instead, and its
 * runs counted.
 */
final class BucketCounter {
    private static final long EMPTY = -1; // code keys are non-negative
    private static final long SPREAD = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio: multiplicative hashing
    private final int maxSlots;
    private final int scratchCap;
    private long[] slots = new long[1 << 10];
    private int[] counts = new int[1 << 10];
    private long[] scratch = new long[0];

    /**
     * @param maxSlots   largest table (a power of two, 12 bytes a slot)
     * @param scratchCap largest sort scratch (8 bytes a key), at least {@link RadixSort#CACHE_KEYS}; larger
     *                   buckets are split in place
     */
    BucketCounter(int maxSlots, int scratchCap) {
        this.maxSlots = maxSlots;
        this.scratchCap = scratchCap;
    }

    /** The distinct keys of {@code keys[from..from+len)} (equal above their low {@code sortBits}) and counts. */
    CodeCounts count(long[] keys, int from, int len, int sortBits) {
        int cap = Math.min(maxSlots, Integer.highestOneBit(Math.max(64, Math.min(2 * len, 1 << 14)) - 1) << 1);
        if (slots.length < cap) {
            slots = new long[cap];
            counts = new int[cap];
        }
        Arrays.fill(slots, 0, cap, EMPTY);
        int used = 0;
        int mask = cap - 1;
        int hashShift = 64 - Integer.numberOfTrailingZeros(cap);
        for (int i = from; i < from + len; i++) {
            long k = keys[i];
            int h = (int) (k * SPREAD >>> hashShift);
            long s;
            while ((s = slots[h]) != k && s != EMPTY) {
                h = h + 1 & mask;
            }
            if (s == k) {
                counts[h]++;
                continue;
            }
            slots[h] = k;
            counts[h] = 1;
            if (++used > cap / 2) { // at most half full, so that probes stay short
                if (cap == maxSlots || used > len / 8) { // few repeats: sorting them all costs less
                    return sortWhole(keys, from, len, sortBits);
                }
                cap = grow(cap);
                mask = cap - 1;
                hashShift = 64 - Integer.numberOfTrailingZeros(cap);
            }
        }
        // the distinct keys, sorted, where the bucket's keys were; then their counts from the table
        int k = from;
        for (int h = 0; h < cap; h++) {
            if (slots[h] != EMPTY) {
                keys[k++] = slots[h];
            }
        }
        RadixSort.sortRange(keys, from, used, sortBits, scratch(used));
        long[] out = Arrays.copyOfRange(keys, from, from + used);
        int[] c = new int[used];
        for (int i = 0; i < used; i++) {
            int h = (int) (out[i] * SPREAD >>> hashShift);
            while (slots[h] != out[i]) {
                h = h + 1 & mask;
            }
            c[i] = counts[h];
        }
        return new CodeCounts(out, c);
    }

    private CodeCounts sortWhole(long[] keys, int from, int len, int sortBits) {
        RadixSort.sortRange(keys, from, len, sortBits, scratch(len));
        return runs(keys, from, len);
    }

    /** Scratch for sorting {@code len} keys: as many, up to the cap (larger ranges are split in place). */
    private long[] scratch(int len) {
        int need = Math.min(len, scratchCap);
        if (scratch.length < need) {
            scratch = new long[need];
        }
        return scratch;
    }

    /** Doubles the table, moving every key with its count. */
    private int grow(int cap) {
        long[] oldSlots = Arrays.copyOf(slots, cap);
        int[] oldCounts = Arrays.copyOf(counts, cap);
        int next = cap * 2;
        if (slots.length < next) {
            slots = new long[next];
            counts = new int[next];
        }
        Arrays.fill(slots, 0, next, EMPTY);
        int mask = next - 1;
        int hashShift = 64 - Integer.numberOfTrailingZeros(next);
        for (int i = 0; i < cap; i++) {
            long k = oldSlots[i];
            if (k != EMPTY) {
                int h = (int) (k * SPREAD >>> hashShift);
                while (slots[h] != EMPTY) {
                    h = h + 1 & mask;
                }
                slots[h] = k;
                counts[h] = oldCounts[i];
            }
        }
        return next;
    }

    /** The distinct keys of the sorted {@code keys[from..from+len)} and how often each occurs. */
    static CodeCounts runs(long[] keys, int from, int len) {
        int distinct = 1;
        for (int i = from + 1; i < from + len; i++) {
            if (keys[i] != keys[i - 1]) {
                distinct++;
            }
        }
        long[] out = new long[distinct];
        int[] counts = new int[distinct];
        int k = 0;
        int run = 1;
        for (int i = from + 1; i <= from + len; i++) {
            if (i == from + len || keys[i] != keys[i - 1]) {
                out[k] = keys[i - 1];
                counts[k++] = run;
                run = 0;
            }
            run++;
        }
        return new CodeCounts(out, counts);
    }
}
