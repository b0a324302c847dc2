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

    private static boolean single(int[] c, int len) {
        for (int v : c) {
            if (v != 0) {
                return v == len;
            }
        }
        return true;
    }
}
