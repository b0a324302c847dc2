package io.ganlab.imagegan.data;

/**
 * Centre crop to the largest square, then resize with the area (box) filter, exactly.
 *
 * <p>Crop: side {@code s = min(w, h)}, offset {@code ((w - s) / 2, (h - s) / 2)} rounded down. Resize {@code s -> n}:
 * output pixel {@code i} covers the input interval {@code [i*s/n, (i+1)*s/n)}; each input pixel {@code j}
 * (covering {@code [j, j+1)}) is weighted by the length of its overlap with that interval, so the weights of one
 * output pixel add up to {@code s/n}. Separable in x and y, computed in integers (lengths in units of {@code 1/n})
 * and rounded half up once at the end: {@code out = round(sum_y sum_x wy * wx * v / s^2)}. When downscaling by an
 * integer factor this is the plain mean of each block (OpenCV's INTER_AREA, PIL's BOX); when upscaling an output
 * pixel blends the at most two input pixels it overlaps.
 */
final class AreaResize {
    private AreaResize() {}

    /** Taps of one axis: for output {@code i}, input pixels {@code first[i] ..} with weights {@code weights[i]}. */
    private record Taps(int[] first, int[][] weights) {
        static Taps of(int s, int n) {
            int[] first = new int[n];
            int[][] weights = new int[n][];
            for (int i = 0; i < n; i++) {
                long lo = (long) i * s;          // in units of 1/n
                long hi = (long) (i + 1) * s;
                int j0 = (int) (lo / n);
                int j1 = (int) ((hi + n - 1) / n); // exclusive
                first[i] = j0;
                weights[i] = new int[j1 - j0];
                for (int j = j0; j < j1; j++) {
                    long a = Math.max(lo, (long) j * n);
                    long b = Math.min(hi, (long) (j + 1) * n);
                    weights[i][j - j0] = (int) (b - a);
                }
            }
            return new Taps(first, weights);
        }
    }

    /**
     * Crops and resizes every plane of {@code in} to {@code n x n}.
     *
     * @return planes of {@code n * n} bytes, in the order of {@code in}
     */
    static PlanarImage cropResize(PlanarImage in, int n) {
        int w = in.width();
        int h = in.height();
        int s = Math.min(w, h);
        int x0 = (w - s) / 2;
        int y0 = (h - s) / 2;
        byte[] out = new byte[in.channels() * n * n];
        if (s == n) {
            for (int c = 0; c < in.channels(); c++) {
                for (int y = 0; y < n; y++) {
                    System.arraycopy(in.data(), (c * h + y0 + y) * w + x0, out, (c * n + y) * n, n);
                }
            }
            return new PlanarImage(in.channels(), n, n, out);
        }
        Taps taps = Taps.of(s, n);
        long den = (long) s * s;
        int[] rows = new int[s * n]; // horizontal pass: row y of the crop, output column x
        for (int c = 0; c < in.channels(); c++) {
            int plane = c * h * w;
            for (int y = 0; y < s; y++) {
                int src = plane + (y0 + y) * w + x0;
                for (int x = 0; x < n; x++) {
                    int[] wt = taps.weights()[x];
                    int j = src + taps.first()[x];
                    int sum = 0;
                    for (int k = 0; k < wt.length; k++) {
                        sum += wt[k] * (in.data()[j + k] & 0xFF);
                    }
                    rows[y * n + x] = sum;
                }
            }
            for (int y = 0; y < n; y++) {
                int[] wt = taps.weights()[y];
                int r0 = taps.first()[y];
                for (int x = 0; x < n; x++) {
                    long num = 0;
                    for (int k = 0; k < wt.length; k++) {
                        num += (long) wt[k] * rows[(r0 + k) * n + x];
                    }
                    out[(c * n + y) * n + x] = (byte) ((2 * num + den) / (2 * den));
                }
            }
        }
        return new PlanarImage(in.channels(), n, n, out);
    }
}
