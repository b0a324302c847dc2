package io.ganlab.eval;

/**
 * Least-significant-digit radix sort of unsigned keys of one or two words, 11 bits per pass; passes whose
 * digit is the same for every key are skipped, so keys of 42 bits cost 4 passes, not 6.
 */
final class RadixSort {
    private static final int DIGIT = 11;
    private static final int RADIX = 1 << DIGIT;

    private RadixSort() {}

    /**
     * Sorts {@code lo[0..len)} (and {@code hi}, if not null, as the high word or as a payload) in unsigned
     * order of {@code (hi, lo)}, looking at the low {@code loBits} of {@code lo} and the low {@code hiBits} of
     * {@code hi}. With {@code hiBits = 0} a non-null {@code hi} is carried along unsorted. The scratch arrays
     * must hold {@code len} entries; the result is left in {@code lo} and {@code hi}.
     */
    static void sort(long[] lo, long[] hi, int len, int loBits, int hiBits, long[] tmpLo, long[] tmpHi) {
        int loDigits = (loBits + DIGIT - 1) / DIGIT;
        int hiDigits = hi == null ? 0 : (hiBits + DIGIT - 1) / DIGIT;
        int digits = loDigits + hiDigits;
        int[][] counts = new int[digits][RADIX];
        for (int i = 0; i < len; i++) {
            long k = lo[i];
            for (int d = 0; d < loDigits; d++) {
                counts[d][(int) (k >>> (d * DIGIT)) & (RADIX - 1)]++;
            }
        }
        for (int i = 0; i < len && hiDigits > 0; i++) {
            long k = hi[i];
            for (int d = 0; d < hiDigits; d++) {
                counts[loDigits + d][(int) (k >>> (d * DIGIT)) & (RADIX - 1)]++;
            }
        }
        long[] srcLo = lo;
        long[] srcHi = hi;
        long[] dstLo = tmpLo;
        long[] dstHi = tmpHi;
        for (int d = 0; d < digits; d++) {
            int[] c = counts[d];
            if (single(c, len)) {
                continue;
            }
            int sum = 0;
            for (int b = 0; b < RADIX; b++) {
                int v = c[b];
                c[b] = sum;
                sum += v;
            }
            boolean onHi = d >= loDigits;
            int shift = (onHi ? d - loDigits : d) * DIGIT;
            long[] keys = onHi ? srcHi : srcLo;
            if (srcHi == null) {
                for (int i = 0; i < len; i++) {
                    long k = srcLo[i];
                    dstLo[c[(int) (k >>> shift) & (RADIX - 1)]++] = k;
                }
            } else {
                for (int i = 0; i < len; i++) {
                    int at = c[(int) (keys[i] >>> shift) & (RADIX - 1)]++;
                    dstLo[at] = srcLo[i];
                    dstHi[at] = srcHi[i];
                }
            }
            long[] t = srcLo;
            srcLo = dstLo;
            dstLo = t;
            t = srcHi;
            srcHi = dstHi;
            dstHi = t;
        }
        if (srcLo != lo) {
            System.arraycopy(srcLo, 0, lo, 0, len);
            if (hi != null) {
                System.arraycopy(srcHi, 0, hi, 0, len);
            }
        }
    }

    /** Keys of a range sorted in one core's cache (1 MB, and as much again of scratch: this machine's L2). */
    static final int CACHE_KEYS = 1 << 17;

    /**
     * Sorts {@code a[from..from+len)} by the low {@code bits} bits of each key; the bits above must be the same
     * in every key of the range (a bucket of keys sharing their top bits), so the result is in key order,
     * signed or unsigned. A range larger than a core's cache is first split by its top bits into parts that fit
     * (through {@code tmp} when it holds the range, else in place: American flag sort); a range that fits is
     * sorted least significant digit first through {@code tmp}, with digits as even as possible and at most 11
     * bits. {@code tmp} must hold at least {@code min(len, CACHE_KEYS)} entries.
     */
    static void sortRange(long[] a, int from, int len, int bits, long[] tmp) {
        if (bits <= 0 || len < 2) {
            return;
        }
        if (len > CACHE_KEYS) {
            split(a, from, len, bits, tmp);
            return;
        }
        if (len < 48) { // insertion sort: fewer steps than the counting passes on a tiny range
            for (int i = from + 1; i < from + len; i++) {
                long k = a[i];
                int j = i - 1;
                while (j >= from && a[j] > k) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = k;
            }
            return;
        }
        // digits no wider than the range needs: counting 2048 values for 100 keys would cost more than the keys
        int maxWidth = Math.max(4, Math.min(DIGIT, 31 - Integer.numberOfLeadingZeros(len) - 2));
        int digits = (bits + maxWidth - 1) / maxWidth;
        int width = (bits + digits - 1) / digits;
        int radix = 1 << width;
        int mask = radix - 1;
        int[] counts = new int[digits * radix];
        for (int i = from; i < from + len; i++) {
            long k = a[i];
            for (int d = 0; d < digits; d++) {
                counts[d * radix + ((int) (k >>> (d * width)) & mask)]++;
            }
        }
        long[] src = a;
        int srcOff = from;
        long[] dst = tmp;
        int dstOff = 0;
        for (int d = 0; d < digits; d++) {
            int[] c = counts;
            int base = d * radix;
            if (single(c, base, radix, len)) {
                continue;
            }
            int sum = dstOff;
            for (int b = base; b < base + radix; b++) {
                int v = c[b];
                c[b] = sum;
                sum += v;
            }
            int shift = d * width;
            for (int i = srcOff; i < srcOff + len; i++) {
                long k = src[i];
                dst[c[base + ((int) (k >>> shift) & mask)]++] = k;
            }
            long[] t = src;
            src = dst;
            dst = t;
            int o = srcOff;
            srcOff = dstOff;
            dstOff = o;
        }
        if (src != a) {
            System.arraycopy(src, srcOff, a, from, len);
        }
    }

    /** Puts the keys of the range in the order of their top bits, as many as make parts that fit the cache. */
    private static void split(long[] a, int from, int len, int bits, long[] tmp) {
        // parts of a quarter of the cache on average, so that most fit even when the keys are skewed
        int want = 64 - Long.numberOfLeadingZeros((len - 1) / (CACHE_KEYS / 4));
        int width = Math.max(1, Math.min(Math.min(DIGIT, bits), want));
        int shift = bits - width;
        int radix = 1 << width;
        int mask = radix - 1;
        int[] count = new int[radix];
        for (int i = from; i < from + len; i++) {
            count[(int) (a[i] >>> shift) & mask]++;
        }
        if (!single(count, 0, radix, len)) {
            int[] head = new int[radix];
            int at = 0;
            for (int b = 0; b < radix; b++) {
                head[b] = at;
                at += count[b];
            }
            if (tmp.length >= len) {
                for (int i = from; i < from + len; i++) {
                    long k = a[i];
                    tmp[head[(int) (k >>> shift) & mask]++] = k;
                }
                System.arraycopy(tmp, 0, a, from, len);
            } else {
                inPlace(a, from, count, head, shift, mask);
            }
        }
        int start = from;
        for (int b = 0; b < radix; b++) {
            sortRange(a, start, count[b], shift, tmp);
            start += count[b];
        }
    }

    /** American flag sort of one digit: each key is carried straight to its part, displacing the next to carry. */
    private static void inPlace(long[] a, int from, int[] count, int[] head, int shift, int mask) {
        int radix = count.length;
        int[] end = new int[radix];
        for (int b = 0; b < radix; b++) {
            head[b] += from;
            end[b] = head[b] + count[b];
        }
        for (int b = 0; b < radix; b++) {
            while (head[b] < end[b]) {
                long k = a[head[b]];
                int d = (int) (k >>> shift) & mask;
                while (d != b) {
                    long t = a[head[d]];
                    a[head[d]++] = k;
                    k = t;
                    d = (int) (k >>> shift) & mask;
                }
                a[head[b]++] = k;
            }
        }
    }

    private static boolean single(int[] c, int from, int radix, int len) {
        for (int b = from; b < from + radix; b++) {
            if (c[b] != 0) {
                return c[b] == len;
            }
        }
        return true;
    }

    private static boolean single(int[] c, int len) {
        return single(c, 0, c.length, len);
    }
}
