package io.ganlab.imagegan.toy;

/**
 * How well points cover a {@link ToySet}. A point is of high quality when it lies within {@link #RADIUS} of the
 * data's support: of a mode centre for the Gaussian sets, of the noiseless curve for the Swiss roll. It then
 * counts for the nearest mode; the Swiss roll's "modes" are {@link #ROLL_SEGMENTS} equal stretches of its
 * parameter t, each holding a tenth of the data. A mode is covered when it receives at least
 * {@code 0.16 / modes} of all points: 2% of them for 8 Gaussians (a sixth of a fair share), 0.64% for 25.
 *
 * <p>Why 0.1: it is 7 standard deviations of an 8-Gaussians mode (0.0141) and under a tenth of the distance between
 * neighbouring centres (1.08); 5.7 std of a 25-Gaussians mode (0.0177), a seventh of their spacing (0.707); and
 * 3 std of the Swiss roll's noise per axis (0.0333). So a point within it belongs to that mode beyond doubt.
 *
 * @param modes    number of modes
 * @param covered  modes with at least {@code 0.16 / modes} of the points
 * @param quality  share of the points within {@link #RADIUS} of the support
 * @param shares   per mode, the share of all points within {@link #RADIUS} of it
 */
public record ModeCoverage(int modes, int covered, double quality, double[] shares) {
    public static final double RADIUS = 0.1;
    public static final int ROLL_SEGMENTS = 10;
    /** Points on the noiseless roll: neighbours lie about 0.003 apart, far below {@link #RADIUS}. */
    static final int ROLL_ANCHORS = 4000;

    /** The share of all points a mode needs to count as covered. */
    public static double minShare(int modes) {
        return 0.16 / modes;
    }

    /** Coverage of points {@code xy} (interleaved x, y) of a generator trained on {@code set}. */
    public static ModeCoverage of(ToySet set, float[] xy) {
        double[][] anchors;
        int[] modeOf;
        int modes;
        if (set == ToySet.SWISS_ROLL) {
            anchors = new double[ROLL_ANCHORS][];
            modeOf = new int[ROLL_ANCHORS];
            for (int i = 0; i < ROLL_ANCHORS; i++) {
                double u = (i + 0.5) / ROLL_ANCHORS;
                anchors[i] = ToySet.roll(ToySet.ROLL_T_MIN + u * (ToySet.ROLL_T_MAX - ToySet.ROLL_T_MIN));
                modeOf[i] = (int) (u * ROLL_SEGMENTS);
            }
            modes = ROLL_SEGMENTS;
        } else {
            anchors = set.centres();
            modes = anchors.length;
            modeOf = new int[modes];
            for (int k = 0; k < modes; k++) {
                modeOf[k] = k;
            }
        }
        int n = xy.length / 2;
        long[] counts = new long[modes];
        long near = 0;
        double r2 = RADIUS * RADIUS;
        for (int i = 0; i < n; i++) {
            double x = xy[2 * i];
            double y = xy[2 * i + 1];
            double best = Double.POSITIVE_INFINITY;
            int bestAnchor = -1;
            for (int a = 0; a < anchors.length; a++) {
                double dx = x - anchors[a][0];
                double dy = y - anchors[a][1];
                double d2 = dx * dx + dy * dy;
                if (d2 < best) {
                    best = d2;
                    bestAnchor = a;
                }
            }
            if (best <= r2) {
                near++;
                counts[modeOf[bestAnchor]]++;
            }
        }
        double[] shares = new double[modes];
        int covered = 0;
        for (int k = 0; k < modes; k++) {
            shares[k] = n == 0 ? 0 : (double) counts[k] / n;
            if (shares[k] >= minShare(modes)) {
                covered++;
            }
        }
        return new ModeCoverage(modes, covered, n == 0 ? 0 : (double) near / n, shares);
    }
}
