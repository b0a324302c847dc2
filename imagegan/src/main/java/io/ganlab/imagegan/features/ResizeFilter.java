package io.ganlab.imagegan.features;

import java.util.Locale;

/**
 * The filters that bring an image plane to a network's input size, in floating point (not rounded to 8 bits).
 * Both are separable: each output row (column) is a weighted sum of a few input rows (columns), the weights of one
 * output summing to 1.
 */
public enum ResizeFilter {
    /**
     * The area (box) filter: output pixel {@code i} of {@code n} averages the input interval
     * {@code [i s/n, (i+1) s/n)} of {@code s} pixels, each input pixel weighted by its overlap; the plain mean of
     * each block when shrinking by an integer factor, as {@code gan images prepare} resizes (OpenCV's INTER_AREA,
     * PIL's BOX).
     */
    AREA,
    /**
     * Bilinear as PyTorch's {@code F.interpolate(mode='bilinear', align_corners=False, antialias=False)}: output
     * pixel {@code i} samples input position {@code max((i + 0.5) s/n - 0.5, 0)}, interpolating its two neighbours
     * (the last pixel repeats past the edge). No anti-aliasing: shrinking by more than 2 skips pixels.
     */
    BILINEAR;

    /** Its name on the command line and in extractor ids. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The filter named {@code id}, or an IllegalArgumentException listing the names. */
    public static ResizeFilter of(String id) {
        for (ResizeFilter f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown resize filter '" + id + "'; choose area or bilinear");
    }

    /** The taps of one axis from {@code s} to {@code n} pixels. */
    Taps taps(int s, int n) {
        int[] first = new int[n];
        double[][] weight = new double[n][];
        for (int i = 0; i < n; i++) {
            if (this == AREA) {
                long lo = (long) i * s;            // in units of 1/n
                long hi = (long) (i + 1) * s;
                int j0 = (int) (lo / n);
                int j1 = (int) ((hi + n - 1) / n);
                first[i] = j0;
                weight[i] = new double[j1 - j0];
                for (int j = j0; j < j1; j++) {
                    long a = Math.max(lo, (long) j * n);
                    long b = Math.min(hi, (long) (j + 1) * n);
                    weight[i][j - j0] = (double) (b - a) / s;
                }
            } else {
                double src = Math.max((i + 0.5) * s / n - 0.5, 0);
                int j0 = Math.min((int) src, s - 1);
                double l1 = j0 < s - 1 ? src - j0 : 0;
                first[i] = j0;
                weight[i] = j0 < s - 1 ? new double[] {1 - l1, l1} : new double[] {1};
            }
        }
        return new Taps(first, weight);
    }

    /** For output {@code i}: input pixels {@code first[i] ..} with weights {@code weight[i]}. */
    record Taps(int[] first, double[][] weight) {
        int size() {
            return first.length;
        }
    }

    /**
     * The {@code rows.size() x cols.size()} resize of the {@code sh x sw} window at {@code (y0, x0)} of a plane
     * {@code w} pixels wide.
     */
    static double[] apply(double[] plane, int w, int y0, int x0, int sh, Taps rows, Taps cols) {
        int n = cols.size();
        double[] across = new double[sh * n];                     // (sh rows, n columns)
        for (int y = 0; y < sh; y++) {
            for (int i = 0; i < n; i++) {
                double v = 0;
                double[] wt = cols.weight()[i];
                int base = (y0 + y) * w + x0 + cols.first()[i];
                for (int j = 0; j < wt.length; j++) {
                    v += wt[j] * plane[base + j];
                }
                across[y * n + i] = v;
            }
        }
        int m = rows.size();
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            double[] wt = rows.weight()[i];
            for (int x = 0; x < n; x++) {
                double v = 0;
                for (int j = 0; j < wt.length; j++) {
                    v += wt[j] * across[(rows.first()[i] + j) * n + x];
                }
                out[i * n + x] = v;
            }
        }
        return out;
    }
}
