package io.ganlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sorting a range of keys that share their high bits gives what Arrays.sort gives, whatever the scratch size. */
class RadixSortTest {

    private static void check(long[] keys, int from, int len, int bits, int tmpSize) {
        long[] expected = keys.clone();
        Arrays.sort(expected, from, from + len);
        long[] a = keys.clone();
        RadixSort.sortRange(a, from, len, bits, new long[tmpSize]);
        assertArrayEquals(expected, a, () -> len + " keys of " + bits + " bits, scratch " + tmpSize);
    }

    // ranges larger than the cache are split by their top bits, through the scratch when it holds them, else in
    // place; smaller ones are sorted through the scratch; tiny ones by insertion; keys outside the range stay
    @Test
    void sortsRangesOfAnySize() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int bits : new int[] {1, 7, 11, 12, 30, 42, 63}) {
            for (int len : new int[] {0, 1, 40, 5000, 200_000}) {
                long[] keys = new long[len + 20];
                long high = 0x5A5L << 52 & ~((1L << bits) - 1) & Long.MAX_VALUE; // shared high bits
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = high | rnd.nextLong() >>> (64 - bits);
                }
                check(keys, 10, len, bits, RadixSort.CACHE_KEYS); // 200,000 keys: split in place
                check(keys, 10, len, bits, Math.max(len, RadixSort.CACHE_KEYS)); // split through the scratch
            }
        }
    }

    // skewed keys (one value half the time, as padding is) and keys with the sign bit set (shared by the range)
    @Test
    void skewedAndNegativeKeys() {
        SplittableRandom rnd = new SplittableRandom(8);
        long[] keys = new long[300_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = rnd.nextBoolean() ? 12345 : rnd.nextLong(1L << 40);
        }
        check(keys, 0, keys.length, 40, RadixSort.CACHE_KEYS);
        for (int i = 0; i < keys.length; i++) {
            keys[i] |= Long.MIN_VALUE;
        }
        check(keys, 0, keys.length, 40, keys.length);
    }
}
