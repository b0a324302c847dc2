package io.ganlab.imagegan.toy;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The three 2-D distributions of the WGAN-GP paper's figure 1, with the shapes of the authors' toy code:
 * <ul>
 *   <li>{@code 8gaussians}: centres (cos kπ/4, sin kπ/4)·2, std 0.02 per axis, the whole set divided by 1.414;</li>
 *   <li>{@code 25gaussians}: centres on the grid {−4, −2, 0, 2, 4}², std 0.05, divided by 2.828;</li>
 *   <li>{@code swissroll}: scikit-learn's {@code make_swiss_roll} with noise 0.25 (t = 1.5π(1 + 2u),
 *       x = t cos t, z = t sin t, Gaussian noise on each axis), keeping (x, z), divided by 7.5.</li>
 * </ul>
 * The reference draws 25-Gaussian batches from a fixed, exactly balanced set of 100,000 points; here every point
 * picks its mode uniformly, which has the same distribution and keeps batches a pure function of their seed.
 */
public enum ToySet {
    EIGHT_GAUSSIANS("8gaussians", 1.414, 0.02, 2.0),
    TWENTY_FIVE_GAUSSIANS("25gaussians", 2.828, 0.05, 2.0),
    SWISS_ROLL("swissroll", 7.5, 0.25, 2.5);

    /** Swiss roll: t runs over [1.5π, 4.5π]. */
    static final double ROLL_T_MIN = 1.5 * Math.PI;
    static final double ROLL_T_MAX = 4.5 * Math.PI;

    private final String id;
    private final double divisor;
    private final double noise;
    private final double extent;

    ToySet(String id, double divisor, double noise, double extent) {
        this.id = id;
        this.divisor = divisor;
        this.noise = noise;
        this.extent = extent;
    }

    /** The name on the command line and in configs. */
    public String id() {
        return id;
    }

    /** Names of all sets, for messages and help. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ToySet::id).toList();
    }

    /** The set called {@code id}; an {@link IllegalArgumentException} naming the choices otherwise. */
    public static ToySet of(String id) {
        for (ToySet s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + id + "'; choose one of " + String.join(", ", ids()));
    }

    /** Standard deviation per axis after scaling (0.0141, 0.0177, 0.0333). */
    public double std() {
        return noise / divisor;
    }

    /** The number the raw coordinates are divided by. */
    public double divisor() {
        return divisor;
    }

    /** Half the side of the square [−e, e]² that plots show; holds the data with a margin. */
    public double extent() {
        return extent;
    }

    /** Centres of the Gaussian modes after scaling, {@code [k][x, y]}; none for the Swiss roll. */
    public double[][] centres() {
        switch (this) {
            case EIGHT_GAUSSIANS: {
                double[][] c = new double[8][];
                for (int k = 0; k < 8; k++) {
                    double a = k * Math.PI / 4;
                    c[k] = new double[] {2 * Math.cos(a) / divisor, 2 * Math.sin(a) / divisor};
                }
                return c;
            }
            case TWENTY_FIVE_GAUSSIANS: {
                double[][] c = new double[25][];
                int k = 0;
                for (int x = -2; x <= 2; x++) {
                    for (int y = -2; y <= 2; y++) {
                        c[k++] = new double[] {2.0 * x / divisor, 2.0 * y / divisor};
                    }
                }
                return c;
            }
            default:
                return new double[0][];
        }
    }

    /** The noiseless Swiss-roll curve at parameter t, after scaling. */
    static double[] roll(double t) {
        return new double[] {t * Math.cos(t) / SWISS_ROLL.divisor, t * Math.sin(t) / SWISS_ROLL.divisor};
    }

    /**
     * {@code n} points drawn from {@code g}, interleaved {@code x0, y0, x1, y1, …}. The same generator state gives
     * the same points.
     */
    public float[] sample(RandomGenerator g, int n) {
        float[] xy = new float[2 * n];
        double[][] c = centres();
        for (int i = 0; i < n; i++) {
            double x;
            double y;
            if (this == SWISS_ROLL) {
                double t = ROLL_T_MIN + (ROLL_T_MAX - ROLL_T_MIN) * g.nextDouble();
                // the roll's height axis (21·u in sklearn) is dropped by the reference, so it is not drawn
                x = t * Math.cos(t) + noise * g.nextGaussian();
                y = t * Math.sin(t) + noise * g.nextGaussian();
                x /= divisor;
                y /= divisor;
            } else {
                double[] m = c[g.nextInt(c.length)];
                x = m[0] + noise * g.nextGaussian() / divisor;
                y = m[1] + noise * g.nextGaussian() / divisor;
            }
            xy[2 * i] = (float) x;
            xy[2 * i + 1] = (float) y;
        }
        return xy;
    }

    @Override
    public String toString() {
        return id;
    }
}
