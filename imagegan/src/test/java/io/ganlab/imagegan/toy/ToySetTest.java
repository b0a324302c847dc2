package io.ganlab.imagegan.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ToySetTest {
    static final int N = 200_000;

    /** Per nearest centre: count, mean x, mean y, std x, std y of the points. */
    static double[][] perMode(float[] xy, double[][] centres) {
        int k = centres.length;
        double[][] s = new double[k][5];
        for (int i = 0; i < xy.length; i += 2) {
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                double d = Math.hypot(xy[i] - centres[c][0], xy[i + 1] - centres[c][1]);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            s[best][0]++;
            s[best][1] += xy[i];
            s[best][2] += xy[i + 1];
            s[best][3] += (double) xy[i] * xy[i];
            s[best][4] += (double) xy[i + 1] * xy[i + 1];
        }
        for (double[] m : s) {
            m[1] /= m[0];
            m[2] /= m[0];
            m[3] = Math.sqrt(m[3] / m[0] - m[1] * m[1]);
            m[4] = Math.sqrt(m[4] / m[0] - m[2] * m[2]);
        }
        return s;
    }

    static void checkGaussians(ToySet set, double[][] centres, double std) {
        float[] xy = new ToyBatches(set, 7).points(0, N);
        double[][] s = perMode(xy, centres);
        int k = centres.length;
        for (int c = 0; c < k; c++) {
            double share = s[c][0] / N;
            // a multinomial share has std sqrt(p(1-p)/N): 5 of them is a loose bound
            assertEquals(1.0 / k, share, 5 * Math.sqrt((1.0 / k) * (1 - 1.0 / k) / N), set + " share of mode " + c);
            double se = std / Math.sqrt(s[c][0]);
            assertEquals(centres[c][0], s[c][1], 6 * se, set + " mean x of mode " + c);
            assertEquals(centres[c][1], s[c][2], 6 * se, set + " mean y of mode " + c);
            assertEquals(std, s[c][3], 0.05 * std, set + " std x of mode " + c);
            assertEquals(std, s[c][4], 0.05 * std, set + " std y of mode " + c);
        }
    }

    // 8 Gaussians: centres 2·(cos kπ/4, sin kπ/4)/1.414, std 0.02/1.414, equal shares
    @Test
    void eightGaussians() {
        double[][] c = new double[8][];
        double r = 2 / 1.414;
        double h = r * Math.sqrt(0.5);
        double[][] hand = {{r, 0}, {h, h}, {0, r}, {-h, h}, {-r, 0}, {-h, -h}, {0, -r}, {h, -h}};
        System.arraycopy(hand, 0, c, 0, 8);
        checkGaussians(ToySet.EIGHT_GAUSSIANS, c, 0.02 / 1.414);
    }

    // 25 Gaussians: centres {-4,-2,0,2,4}²/2.828, std 0.05/2.828, equal shares
    @Test
    void twentyFiveGaussians() {
        double[][] c = new double[25][];
        int k = 0;
        for (int x : new int[] {-4, -2, 0, 2, 4}) {
            for (int y : new int[] {-4, -2, 0, 2, 4}) {
                c[k++] = new double[] {x / 2.828, y / 2.828};
            }
        }
        checkGaussians(ToySet.TWENTY_FIVE_GAUSSIANS, c, 0.05 / 2.828);
    }

    // Swiss roll: 7.5·(x, y) ≈ t·(cos t, sin t) with t ~ U[1.5π, 4.5π]: the radius 7.5·|p| has mean 3π and the
    // angle agrees with the radius (mod 2π) up to the noise 0.25
    @Test
    void swissRoll() {
        float[] xy = new ToyBatches(ToySet.SWISS_ROLL, 7).points(0, N);
        double sumT = 0;
        double sumT2 = 0;
        int offCurve = 0;
        for (int i = 0; i < xy.length; i += 2) {
            double x = 7.5 * xy[i];
            double y = 7.5 * xy[i + 1];
            double t = Math.hypot(x, y);
            sumT += t;
            sumT2 += t * t;
            // the angle of the point, lifted to the turn closest to t, must match t itself
            double a = Math.atan2(y, x);
            double turns = Math.rint((t - a) / (2 * Math.PI));
            double lifted = a + 2 * Math.PI * turns;
            if (Math.abs(lifted - t) > 6 * 0.25 * Math.sqrt(2)) {   // 6 std of the noise
                offCurve++;
            }
        }
        double mean = sumT / N;
        double var = sumT2 / N - mean * mean;
        assertEquals(3 * Math.PI, mean, 0.03, "mean t");        // 5 standard errors
        // U[1.5π, 4.5π] has variance (3π)²/12; the noise adds a little
        assertEquals(9 * Math.PI * Math.PI / 12, var, 0.1, "variance of t");
        assertTrue(offCurve < N / 1000, offCurve + " points off the curve");
    }

    // batch i is a pure function of (seed, i): equal when asked again, different for another index or seed
    @Test
    void batchesArePureFunctionsOfTheirIndex() {
        for (ToySet set : ToySet.values()) {
            ToyBatches a = new ToyBatches(set, 3);
            ToyBatches b = new ToyBatches(set, 3);
            float[] later = b.points(17, 64);
            b.points(0, 64);
            assertArrayEquals(a.points(17, 64), later, set.id());
            assertFalse(Arrays.equals(a.points(17, 64), a.points(18, 64)), set.id());
            assertFalse(Arrays.equals(a.points(17, 64), new ToyBatches(set, 4).points(17, 64)), set.id());
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray batch = a.batch(m, 17, 64);
                assertEquals(new ai.djl.ndarray.types.Shape(64, 2), batch.getShape());
                assertArrayEquals(later, batch.toFloatArray(), set.id());
                assertFalse(Arrays.equals(later, a.heldout(m, 17, 64).toFloatArray()), set.id() + ": held out differs");
            }
        }
    }

    // names round-trip; an unknown name lists the choices
    @Test
    void names() {
        for (ToySet s : ToySet.values()) {
            assertEquals(s, ToySet.of(s.id()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToySet.of("9gaussians"));
        assertTrue(e.getMessage().contains("9gaussians") && e.getMessage().contains("swissroll"), e.getMessage());
    }
}
