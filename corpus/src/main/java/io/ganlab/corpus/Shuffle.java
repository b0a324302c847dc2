package io.ganlab.corpus;

import java.util.random.RandomGenerator;

/**
 * The one shuffle of the project: Fisher–Yates, {@code for i = n-1 down to 1: swap(i, nextInt(i + 1))}. With
 * {@code java.util.Random(seed)} it is the dataset's documented line order; training draws its epochs with it too.
 */
public final class Shuffle {
    private Shuffle() {}

    /** A permutation of {@code 0 .. n-1}. */
    public static int[] permutation(int n, RandomGenerator random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
